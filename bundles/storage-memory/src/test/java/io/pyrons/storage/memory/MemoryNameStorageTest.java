package io.pyrons.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.NameStorageContract;

import org.junit.jupiter.api.Test;

class MemoryNameStorageTest extends NameStorageContract {

    @Override
    protected NameStorage open() {
        return new MemoryStorageProvider().open("");
    }

    @Override
    protected NameStorage reopen(NameStorage storage) {
        storage.close();
        return open();
    }

    @Override
    protected boolean persistent() {
        return false;
    }

    @Test
    void providerDescribesMemoryType() {
        assertEquals("memory", new MemoryStorageProvider().type());
        assertEquals("memory", store.description());
    }

    @Test
    void registrationsWithEqualMetadataShareOneSet() {
        store.put(new Registration("a", "PYRO:a@h:1", Set.of("x", "y")), false);
        store.put(new Registration("b", "PYRO:b@h:1", Set.of("y", "x")), false);
        assertSame(store.get("a").metadata(), store.get("b").metadata());
    }

    @Test
    void volatileStoreForgetsOnReopen() {
        store.put(new Registration("a", "PYRO:a@h:1", null), false);
        store = reopen(store);
        assertNull(store.get("a"));
    }

    @Test
    void successorSkipsTrailingMaxChars() {
        assertEquals("b", MemoryNameStorage.successor("a"));
        assertEquals("b", MemoryNameStorage.successor("a\uffff\uffff"));
        assertEquals("ac", MemoryNameStorage.successor("ab"));
        assertNull(MemoryNameStorage.successor("\uffff\uffff"));
    }
}
