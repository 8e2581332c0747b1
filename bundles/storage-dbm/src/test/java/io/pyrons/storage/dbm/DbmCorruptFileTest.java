package io.pyrons.storage.dbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not an intact pyrons dbm store is refused, named, and left byte for byte as it was. */
class DbmCorruptFileTest {
    @TempDir
    Path dir;

    private StorageException assertRefusedAndUntouched(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);
        List<Path> siblingsBefore = siblings();
        StorageException error = assertThrows(StorageException.class,
                () -> new DbmStorageProvider().open(file.toString()).close());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(siblingsBefore, siblings());
        return error;
    }

    private List<Path> siblings() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void garbageIsRefused() throws IOException {
        byte[] garbage = new byte[16384];
        new Random(42).nextBytes(garbage);
        assertRefusedAndUntouched(Files.write(dir.resolve("garbage.mv"), garbage));
    }

    @Test
    void textFileIsRefused() throws IOException {
        assertRefusedAndUntouched(Files.writeString(dir.resolve("notes.txt"), "not a store\n".repeat(500)));
    }

    @Test
    void pythonDbmStyleFileIsRefused() throws IOException {
        // what a Python dbm.dumb data file looks like: not ours, and it must not be overwritten
        assertRefusedAndUntouched(Files.writeString(dir.resolve("names.dat"), "PYRO:obj@localhost:9999"
                + "\0".repeat(489)));
    }

    @Test
    void foreignMvStoreIsRefused() throws IOException {
        Path file = dir.resolve("foreign.mv");
        MVStore foreign = new MVStore.Builder().fileName(file.toString()).open();
        foreign.openMap("somebody.elses").put("k", "v");
        foreign.close();
        StorageException error = assertRefusedAndUntouched(file);
        assertTrue(error.getMessage().contains("somebody.elses"), error.getMessage());
    }

    @Test
    void storeWithDamagedChunksIsRefused() throws IOException {
        Path file = dir.resolve("damaged.mv");
        try (NameStorage store = new DbmStorageProvider().open(file.toString())) {
            for (int i = 0; i < 500; i++) {
                store.put(new Registration("name" + i, "PYRO:obj@localhost:" + i, Set.of("meta" + i % 7)), false);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 3 * 4096, "several blocks: " + bytes.length);
        // keep the two header blocks, overwrite every chunk with a pattern
        byte[] junk = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int i = 8192; i < bytes.length; i++) {
            bytes[i] = junk[i % junk.length];
        }
        Files.write(file, bytes);
        assertRefusedAndUntouched(file);
    }

    @Test
    void emptyFileIsAnEmptyStore() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.mv"));
        try (NameStorage store = new DbmStorageProvider().open(file.toString())) {
            assertEquals(0, store.count());
            store.put(new Registration("n", "PYRO:o@h:1", Set.of()), false);
        }
        try (NameStorage store = new DbmStorageProvider().open(file.toString())) {
            assertEquals(1, store.count());
        }
    }
}
