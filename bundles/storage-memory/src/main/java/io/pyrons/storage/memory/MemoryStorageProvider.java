package io.pyrons.storage.memory;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageProvider;

import org.osgi.service.component.annotations.Component;

/**
 * Opens volatile in-memory name stores, Pyro4's {@code memory} storage: every store starts empty and is
 * forgotten when closed. The location is ignored (the name server passes an empty one).
 */
@Component(immediate = true, property = StorageProvider.TYPE + "=" + MemoryStorageProvider.TYPE)
public class MemoryStorageProvider implements StorageProvider {
    static final String TYPE = "memory";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public NameStorage open(String location) {
        return new MemoryNameStorage();
    }
}
