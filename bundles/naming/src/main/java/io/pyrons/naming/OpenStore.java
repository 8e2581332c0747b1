package io.pyrons.naming;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;

/**
 * One store the name server opened: the setting and provider it came from, the name server over it, its
 * autocleaner while it serves, and a count of the reads running on it, so that a store being replaced is closed
 * only after the reads that started on it have finished (reads take no lock; see {@link NameServerComponent}).
 */
final class OpenStore {
    private final StorageSetting setting;
    private final StorageProvider provider;
    private final NameStorage storage;
    private final StoredNameServer nameServer;
    private final LongAdder reads = new LongAdder();
    /** Null when autoclean is off or the store does not serve; changed under the component's switch lock. */
    private AutoCleaner cleaner;

    private OpenStore(StorageSetting setting, StorageProvider provider, NameStorage storage) {
        this.setting = setting;
        this.provider = provider;
        this.storage = storage;
        this.nameServer = new StoredNameServer(storage);
    }

    /** Opens {@code setting}'s location with {@code provider}; a failure is a StorageException with its reason. */
    static OpenStore open(StorageSetting setting, StorageProvider provider) {
        NameStorage storage;
        try {
            storage = provider.open(setting.location());
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageException("cannot open " + setting + ": " + NameServerComponent.oneLine(e), e);
        }
        if (storage == null) {
            throw new StorageException("cannot open " + setting + ": the " + setting.type() + " provider opened nothing");
        }
        return new OpenStore(setting, provider, storage);
    }

    StorageSetting setting() {
        return setting;
    }

    StorageProvider provider() {
        return provider;
    }

    NameStorage storage() {
        return storage;
    }

    StoredNameServer nameServer() {
        return nameServer;
    }

    String description() {
        return storage.description();
    }

    /** Counts a read as running on this store, until {@link #endRead()}. */
    void beginRead() {
        reads.increment();
    }

    void endRead() {
        reads.decrement();
    }

    AutoCleaner cleaner() {
        return cleaner;
    }

    /** Starts checking this store's registrations every {@code interval}; a zero interval leaves autoclean off. */
    void startCleaner(Duration interval, Duration probeTimeout) {
        stopCleaner();
        if (!interval.isZero()) {
            cleaner = AutoCleaner.start(nameServer, interval, probeTimeout);
        }
    }

    void stopCleaner() {
        if (cleaner != null) {
            cleaner.close();
            cleaner = null;
        }
    }

    /**
     * Closes the store once the reads running on it have ended, waiting at most {@code drain} for a slow one
     * (which then fails with the store's "closed" error). Only called once the store no longer serves, so no
     * new read starts on it.
     */
    void close(Duration drain) {
        stopCleaner();
        long deadline = System.nanoTime() + drain.toNanos();
        while (reads.sum() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        storage.close();
    }

    @Override
    public String toString() {
        return description();
    }
}
