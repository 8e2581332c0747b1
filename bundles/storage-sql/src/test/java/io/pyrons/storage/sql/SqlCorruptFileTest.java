package io.pyrons.storage.sql;

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
import java.util.stream.Stream;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not an intact SQLite database is refused, named, and left byte for byte as it was. */
class SqlCorruptFileTest {
    @TempDir
    Path dir;

    private void assertRefusedAndUntouched(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);
        List<Path> siblingsBefore = siblings();
        StorageException error = assertThrows(StorageException.class,
                () -> new SqlStorageProvider().open(file.toString()).close());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(siblingsBefore, siblings(), "no journal or WAL file left behind");
    }

    private List<Path> siblings() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void garbageIsRefused() throws IOException {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Path file = Files.write(dir.resolve("garbage.sqlite"), garbage);
        assertRefusedAndUntouched(file);
    }

    @Test
    void textFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "this is not a database\n".repeat(100));
        assertRefusedAndUntouched(file);
    }

    @Test
    void databaseWithDamagedPagesIsRefused() throws IOException {
        Path file = dir.resolve("damaged.sqlite");
        try (NameStorage store = new SqlStorageProvider().open(file.toString())) {
            for (int i = 0; i < 500; i++) {
                store.put(new io.pyrons.api.Registration("name" + i, "PYRO:obj@localhost:" + i,
                        java.util.Set.of("meta" + i % 7)), false);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 3 * 4096, "several pages: " + bytes.length);
        // keep the valid header, overwrite the second page and beyond with a pattern
        byte[] junk = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = junk[i % junk.length];
        }
        Files.write(file, bytes);
        assertRefusedAndUntouched(file);
    }

    @Test
    void emptyFileIsAnEmptyStore() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.sqlite"));
        try (NameStorage store = new SqlStorageProvider().open(file.toString())) {
            assertEquals(0, store.count());
        }
    }
}
