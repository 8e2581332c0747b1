package io.pyrons.api.storage;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that is not an intact store of the backend is refused, named in the error, and left byte for
 * byte as it was, with no journal, WAL or lock file beside it. A backend's test extends this class,
 * supplies its {@link #storeFiles()} and {@link #intactHeaderBytes()}, and adds the
 * cases only its format has (with {@link #assertRefusedAndUntouched}).
 */
public abstract class NameStorageCorruptFileContract {
    @TempDir
    protected Path dir;

    /** The backend under test. */
    protected abstract StoreFiles storeFiles();

    /**
     * How many leading bytes of a store file form its header (SQLite's first page, MVStore's two header
     * blocks): {@link #storeWithDamagedDataIsRefused} keeps them and overwrites everything after.
     */
    protected abstract int intactHeaderBytes();

    /** Asserts opening {@code file} fails naming it and changes nothing in {@link #dir}; returns the error. */
    protected StorageException assertRefusedAndUntouched(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);
        List<Path> siblingsBefore = siblings();
        StorageException error = assertThrows(StorageException.class,
                () -> storeFiles().provider().open(file.toString()).close());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(siblingsBefore, siblings(), "no journal, WAL or lock file left behind");
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
        assertRefusedAndUntouched(Files.write(dir.resolve("garbage" + storeFiles().suffix()), garbage));
    }

    @Test
    void textFileIsRefused() throws IOException {
        assertRefusedAndUntouched(Files.writeString(dir.resolve("notes.txt"), "this is not a store\n".repeat(500)));
    }

    @Test
    void storeWithDamagedDataIsRefused() throws IOException {
        Path file = dir.resolve("damaged" + storeFiles().suffix());
        try (NameStorage store = storeFiles().provider().open(file.toString())) {
            for (int i = 0; i < 500; i++) {
                store.put(new Registration("name" + i, "PYRO:obj@localhost:" + i, Set.of("meta" + i % 7)), false);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 3 * 4096, "several pages or blocks: " + bytes.length);
        // keep the valid header, overwrite everything after it with a pattern
        byte[] junk = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int i = intactHeaderBytes(); i < bytes.length; i++) {
            bytes[i] = junk[i % junk.length];
        }
        Files.write(file, bytes);
        assertRefusedAndUntouched(file);
    }

    @Test
    void emptyFileIsAnEmptyStore() throws IOException {
        Path file = Files.createFile(dir.resolve("empty" + storeFiles().suffix()));
        try (NameStorage store = storeFiles().provider().open(file.toString())) {
            assertEquals(0, store.count());
            store.put(new Registration("n", "PYRO:o@h:1", Set.of()), false);
        }
        try (NameStorage store = storeFiles().provider().open(file.toString())) {
            assertEquals(1, store.count());
        }
    }
}
