package io.pyrons.storage.dbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a dbm file whose newest data is damaged (overwritten in the middle, or truncated) must not open as
 * an older version of itself with fewer names: MVStore would fall back to the newest intact chunk silently
 * ("Persistent store contains 44 existing registrations" where there were 101). Every damaged copy either
 * opens with every acknowledged registration or is refused with an error naming the file, which is left
 * byte for byte as it was.
 */
class DbmDamagedFileTest {
    private static final int NAMES = 101;
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    private static Registration registration(int i) {
        return new Registration("name" + i, "PYRO:obj" + i + "@localhost:" + (9000 + i), Set.of());
    }

    /** A store of 101 names, each its own commit; its bytes once closed, or as a kill -9 would leave them. */
    private byte[] writtenStore(boolean closeCleanly) throws IOException {
        Path file = dir.resolve("written.mv");
        NameStorage store = new DbmStorageProvider().open(file.toString());
        try {
            for (int i = 0; i < NAMES; i++) {
                store.put(registration(i), false);
            }
            if (!closeCleanly) {
                return Files.readAllBytes(file); // every put returned: all of them are acknowledged
            }
        } finally {
            store.close();
        }
        return Files.readAllBytes(file);
    }

    /** Opens {@code bytes} as a store file: null if all names are there, else the refusal (checked). */
    private StorageException open(byte[] bytes, String name) throws IOException {
        Path damaged = Files.createDirectories(dir.resolve(name)).resolve("names.mv");
        Files.write(damaged, bytes);
        try (NameStorage store = new DbmStorageProvider().open(damaged.toString())) {
            assertEquals(NAMES, store.count(), name + ": opened with fewer names, silently");
            for (int i = 0; i < NAMES; i++) {
                assertEquals(registration(i), store.get("name" + i), name);
            }
            return null;
        } catch (StorageException e) {
            assertTrue(e.getMessage().contains(damaged.toString()), name + ": " + e.getMessage());
            assertArrayEquals(bytes, Files.readAllBytes(damaged), name + ": the file was left as it was");
            try (Stream<Path> files = Files.list(damaged.getParent())) {
                assertEquals(List.of(damaged), files.toList(), name + ": nothing created beside the file");
            }
            return e;
        }
    }

    private static byte[] overwritten(byte[] bytes, int block) {
        byte[] copy = bytes.clone();
        byte[] junk = "0123456789abcdef".getBytes();
        for (int i = block * BLOCK; i < Math.min(copy.length, (block + 1) * BLOCK); i++) {
            copy[i] = junk[i % junk.length];
        }
        return copy;
    }

    @Test
    void cleanlyClosedStoreDamagedAnywhereIsRefusedOrComplete() throws IOException {
        byte[] bytes = writtenStore(true);
        int blocks = bytes.length / BLOCK;
        assertTrue(blocks > 8, "several blocks: " + bytes.length);
        List<String> refused = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            if (open(overwritten(bytes, block), "junk" + block) != null) {
                refused.add("junk" + block);
            }
            if (block > 0 && open(Arrays.copyOf(bytes, block * BLOCK), "cut" + block) != null) {
                refused.add("cut" + block);
            }
        }
        int middle = blocks / 2;
        assertTrue(refused.contains("junk" + middle) && refused.contains("cut" + middle), "refused: " + refused);
    }

    @Test
    void truncatedInTheMiddleIsRefusedNamingTheDamage() throws IOException {
        byte[] bytes = writtenStore(true);
        StorageException error = open(Arrays.copyOf(bytes, bytes.length / 2), "half");
        assertTrue(error != null && error.getMessage().contains("damaged"), String.valueOf(error));
    }

    @Test
    void storeLeftByACrashDamagedAnywhereButItsLastChunkIsRefusedOrComplete() throws IOException {
        byte[] bytes = writtenStore(false);
        int blocks = bytes.length / BLOCK;
        // the last chunk is left out: it may be the commit a crash interrupted, which MVStore skips rightly
        List<String> refused = new ArrayList<>();
        for (int block = 0; block < blocks * 3 / 4; block += 3) {
            if (open(overwritten(bytes, block), "junk" + block) != null) {
                refused.add("junk" + block);
            }
        }
        assertTrue(!refused.isEmpty(), "some damage must matter; refused: " + refused);
    }

    @Test
    void storeLeftByACrashOpensWithEveryAcknowledgedName() throws IOException {
        assertEquals(null, open(writtenStore(false), "crashed"));
    }

    @Test
    void storeLeftByACrashWithATornChunkHeaderOpensWithEveryAcknowledgedName() throws IOException {
        // kill -9 while MVStore wrote the next, unacknowledged chunk: its header began but a value is cut off
        byte[] crashed = writtenStore(false);
        byte[] torn = Arrays.copyOf(crashed, crashed.length + BLOCK);
        byte[] header = ("chunk:1f,block:" + Long.toHexString(crashed.length / BLOCK) + "z,len:1,version:7ff\n").getBytes();
        System.arraycopy(header, 0, torn, crashed.length, header.length);
        assertEquals(null, open(torn, "torn"));
    }

    @Test
    void emptyStoreReopens() throws IOException {
        Path file = dir.resolve("empty.mv");
        new DbmStorageProvider().open(file.toString()).close();
        try (NameStorage store = new DbmStorageProvider().open(file.toString())) {
            assertEquals(0, store.count());
        }
    }
}
