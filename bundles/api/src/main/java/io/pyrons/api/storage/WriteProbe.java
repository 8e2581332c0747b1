package io.pyrons.api.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The write probe of stores kept in files, their {@link NameStorage#checkWritable()} probe. A probe file beside the store
 * is created, written, synced and deleted, so that a full file system, a read-only mount or an immutable directory
 * fail it as they would fail the store's next write (for root too, whom permissions do not stop).
 */
public final class WriteProbe {
    /** Enough to need a fresh block on any file system. */
    private static final int PROBE_BYTES = 8192;

    private WriteProbe() {
    }

    /** Throws a StorageException naming {@code storeFile}'s directory when a probe file cannot be written there. */
    public static void checkWritable(Path storeFile, String description) {
        Path directory = storeFile.toAbsolutePath().getParent();
        Path probe = directory.resolve("." + storeFile.getFileName() + ".writable-probe");
        try {
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.allocate(PROBE_BYTES);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new StorageException(description + " is not writable: " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            message = fs.getReason() + " (" + fs.getFile() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
