package io.pyrons.storage.memory;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.api.storage.StorageType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pyro4's {@code memory} storage: one volatile store that lives as long as this component, that is as long as
 * the storage-memory bundle is active. The name server's own restarts (its bundle, the daemon's reconfiguration,
 * a switch to another backend and back) open it again with every name still there; closing what
 * {@link #open} returned only ends that user's access. The store is emptied when this component deactivates.
 */
@Component(immediate = true)
@StorageType(MemoryStorageProvider.TYPE)
public class MemoryStorageProvider implements StorageProvider {
    static final String TYPE = "memory";

    private final MemoryNameStorage names = new MemoryNameStorage();

    @Override
    public String type() {
        return TYPE;
    }

    /** {@code memory} has no location: anything after {@code memory:} is refused, as Pyro4 refuses it. */
    @Override
    public NameStorage open(String location) {
        if (location != null && !location.isEmpty()) {
            throw new StorageException("memory storage takes no location: use 'memory', not 'memory:" + location + "'");
        }
        return new OpenedMemoryStore(names);
    }

    @Deactivate
    void deactivate() {
        names.close();
    }
}
