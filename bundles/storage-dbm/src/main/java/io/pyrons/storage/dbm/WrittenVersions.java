package io.pyrons.storage.dbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.LongSupplier;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * The newest store version that an MVStore file says was written, read from the file's raw bytes: the version
 * its store header records, and the highest version of any chunk whose header or footer is still legible.
 *
 * <p>Why: MVStore opens a file whose newest chunks are damaged or cut off at the newest intact older version,
 * silently; a store that was closed cleanly with 101 names then opens with 45. Comparing the version MVStore
 * opened with these records tells a rollback from an intact file. One unfinished chunk is what a crash during a
 * commit leaves (that commit was never acknowledged), so without a clean shutdown one version of difference is
 * allowed. Chunks are written one after another, each only after the one before was synced; so a legible chunk
 * two versions past the opened one means acknowledged data was lost.
 *
 * @param headerVersion the version in the store header ({@code -1} if none); written with every clean close
 * @param clean         whether the header says the store was closed cleanly
 * @param chunkVersion  the highest version of a legible chunk header or footer ({@code -1} if none)
 */
record WrittenVersions(long headerVersion, boolean clean, long chunkVersion) {
    private static final int BLOCK = 4096;
    /** MVStore's chunk footer: the last 128 bytes of a chunk's last block. */
    private static final int FOOTER = 128;
    private static final int MAX_HEADER = 1024;
    private static final byte[] CHUNK = "chunk:".getBytes(StandardCharsets.US_ASCII);

    /** The records of {@code file}, whose store header MVStore read as {@code storeHeader}. */
    static WrittenVersions of(Path file, Map<String, ?> storeHeader) throws IOException {
        long headerVersion = DataUtils.readHexLong(storeHeader, "version", -1);
        boolean clean = storeHeader.containsKey("clean");
        long chunkVersion = -1;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            long size = channel.size();
            // blocks 0 and 1 hold the two copies of the store header
            for (long position = 2L * BLOCK; position < size; position += BLOCK) {
                block.clear();
                while (block.hasRemaining() && channel.read(block, position + block.position()) > 0) {
                    // read the whole block, or up to the end of the file
                }
                byte[] bytes = block.array();
                int length = block.position();
                long blockNumber = position / BLOCK;
                chunkVersion = Math.max(chunkVersion, legible(() -> chunkHeaderVersion(bytes, length, blockNumber)));
                if (length == BLOCK) {
                    chunkVersion = Math.max(chunkVersion, legible(() -> chunkFooterVersion(bytes, blockNumber)));
                }
            }
        }
        return new WrittenVersions(headerVersion, clean, chunkVersion);
    }

    /**
     * The newest version that must be readable: the header's after a clean close; otherwise the commit in
     * progress at a crash may be missing.
     */
    long newestAcknowledged() {
        long fromHeader = clean ? headerVersion : headerVersion - 1;
        return Math.max(fromHeader, chunkVersion - 1);
    }

    /** Whether a store opened at {@code version} lost data these records say was written and acknowledged. */
    boolean rolledBack(long version) {
        return version < newestAcknowledged();
    }

    /**
     * A record's version, or -1 when one of its values does not parse: a record torn by a crash (kill -9 in the
     * middle of writing a chunk) says nothing, it must not make the store look damaged.
     */
    private static long legible(LongSupplier record) {
        try {
            return record.getAsLong();
        } catch (MVStoreException | NumberFormatException e) {
            return -1;
        }
    }

    /** A chunk header starting the block: its version, if its own block number matches where it lies. */
    private static long chunkHeaderVersion(byte[] bytes, int length, long blockNumber) {
        Map<String, String> header = parse(bytes, 0, Math.min(length, MAX_HEADER));
        if (header == null || DataUtils.readHexLong(header, "block", -1) != blockNumber) {
            return -1;
        }
        return DataUtils.readHexLong(header, "version", -1);
    }

    /** A chunk footer ending the block: its version, if its checksum holds and its chunk starts after the header. */
    private static long chunkFooterVersion(byte[] bytes, long blockNumber) {
        int start = BLOCK - FOOTER;
        Map<String, String> footer = parse(bytes, start, BLOCK);
        if (footer == null) {
            return -1;
        }
        String text = new String(bytes, start, FOOTER, StandardCharsets.ISO_8859_1);
        int checksummed = text.indexOf(",fletcher:");
        long length = DataUtils.readHexLong(footer, "len", -1);
        if (checksummed < 0 || length <= 0 || blockNumber + 1 - length < 2
                || DataUtils.getFletcher32(bytes, start, checksummed) != (int) DataUtils.readHexLong(footer, "fletcher", 0)) {
            return -1;
        }
        return DataUtils.readHexLong(footer, "version", -1);
    }

    /** The {@code key:value,...} line at {@code from} if one starts with {@code chunk:} there, else null. */
    private static Map<String, String> parse(byte[] bytes, int from, int to) {
        for (int i = 0; i < CHUNK.length; i++) {
            if (from + i >= to || bytes[from + i] != CHUNK[i]) {
                return null;
            }
        }
        int end = from;
        while (end < to && bytes[end] != '\n') {
            end++;
        }
        try {
            return DataUtils.parseMap(new String(bytes, from, end - from, StandardCharsets.ISO_8859_1).trim());
        } catch (MVStoreException | NumberFormatException e) {
            return null;
        }
    }
}
