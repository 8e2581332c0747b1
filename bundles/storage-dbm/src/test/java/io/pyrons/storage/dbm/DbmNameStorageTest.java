package io.pyrons.storage.dbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.NameStorageContract;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbmNameStorageTest extends NameStorageContract {
    @TempDir
    Path dir;
    private int files;

    @Override
    protected NameStorage open() {
        return new DbmStorageProvider().open(dir.resolve("names" + files++ + ".mv").toString());
    }

    @Override
    protected NameStorage reopen(NameStorage storage) {
        String location = storage.description().substring("dbm:".length());
        storage.close();
        return new DbmStorageProvider().open(location);
    }

    @Test
    void providerOpensDbmType() {
        assertEquals("dbm", new DbmStorageProvider().type());
        assertTrue(store.description().startsWith("dbm:"), store.description());
    }

    @Test
    void lonelySurrogatesAndSeparatorsRoundTrip() {
        Registration odd = new Registration("lone\uD800", "PYRO:x@h:1", Set.of("\uDC00", "a\0b", "3:x", "\0", ""));
        store.put(odd, false);
        store.put(reg("other", "a"), false);
        store = reopen(store);
        assertEquals(odd, store.get("lone\uD800"));
        assertEquals(List.of(odd), store.withAnyMetadata(Set.of("\0")));
        assertEquals(List.of(odd), store.withAllMetadata(Set.of("a\0b", "")));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("a")).stream().filter(r -> r.name().startsWith("lone")).toList());
    }

    @Test
    void metadataValuesThatArePrefixesOfOthersStayApart() {
        store.put(reg("n1", "a"), false);
        store.put(reg("n2", "a\0"), false);
        store.put(reg("n3", "a\0\0"), false);
        store.put(reg("n4", "ab"), false);
        assertEquals(List.of("n1"), store.withAnyMetadata(Set.of("a")).stream().map(Registration::name).toList());
        assertEquals(List.of("n2"), store.withAnyMetadata(Set.of("a\0")).stream().map(Registration::name).toList());
        assertEquals(List.of("n3"), store.withAllMetadata(Set.of("a\0\0")).stream().map(Registration::name).toList());
    }

    @Test
    void storeIsLockedWhileOpen() {
        String location = store.description().substring("dbm:".length());
        StorageException error = assertThrows(StorageException.class, () -> new DbmStorageProvider().open(location));
        assertTrue(error.getMessage().contains(location), error.getMessage());
        assertEquals(0, store.count());
    }

    @Test
    void fileStaysSmallUnderManyCommits() throws IOException {
        for (int i = 0; i < 1000; i++) {
            store.put(reg("churn" + (i % 50), "m" + i), false);
        }
        Path file = Path.of(store.description().substring("dbm:".length()));
        store = reopen(store);
        assertEquals(50, store.count());
        long size = Files.size(file);
        assertTrue(size < 2_000_000, "file grew to " + size + " bytes");
    }

    @Test
    void locationMustNameAFile() {
        DbmStorageProvider provider = new DbmStorageProvider();
        assertThrows(StorageException.class, () -> provider.open(" "));
        StorageException missingDir = assertThrows(StorageException.class,
                () -> provider.open(dir.resolve("no/such/dir/ns.mv").toString()));
        assertTrue(missingDir.getMessage().contains("no/such/dir"), missingDir.getMessage());
        StorageException directory = assertThrows(StorageException.class, () -> provider.open(dir.toString()));
        assertTrue(directory.getMessage().contains(dir.toString()), directory.getMessage());
    }
}
