package io.pyrons.storage.dbm;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.WriteStatistics;

/**
 * Applies changes one at a time and makes them durable in groups.
 *
 * <p>A change runs under the apply lock and takes a ticket. Its caller then needs every ticket up to its own
 * to be on disk: under the commit lock, the first caller whose ticket is not yet durable commits the store
 * (still holding the apply lock, so a commit always falls between two whole changes) and then fsyncs it
 * with the apply lock released, so that others keep applying changes meanwhile; the next leader commits all
 * of those at once. A caller returns only when its change is committed and synced: kill -9, or a power
 * failure, after that loses nothing. Readers of the in-memory maps may see a change during its fsync,
 * before the writer's call returns.
 *
 * <p>When a commit or sync fails (a full disk), every change applied but not yet durable is lost with the
 * store, which is {@link ReopenableStore#replace replaced} from its file; each of their callers gets the
 * failure, and later changes go to the new store.
 */
final class GroupCommit {
    private final ReopenableStore store;
    private final String description;
    private final ReentrantLock applyLock = new ReentrantLock();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long applied;           // guarded by applyLock
    private long durable;           // guarded by commitLock
    private long lost;              // guarded by commitLock: tickets up to here, past durable, failed
    private RuntimeException lostBecause; // guarded by commitLock
    private boolean closed;         // guarded by applyLock

    private final WriteStatistics statistics;

    GroupCommit(ReopenableStore store, String description, WriteStatistics statistics) {
        this.store = store;
        this.description = description;
        this.statistics = statistics;
    }

    /** Applies {@code change} and returns its result once it is committed and synced. */
    <T> T write(String what, Supplier<T> change) {
        T result;
        long ticket;
        applyLock.lock();
        try {
            if (closed) {
                throw new StorageException(description + " is closed");
            }
            store.ensureWritable(what);
            result = change.get();
            ticket = ++applied;
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageException(description + ": " + what + " failed: " + ReopenableStore.reason(e), e);
        } finally {
            applyLock.unlock();
        }
        awaitDurable(what, ticket);
        return result;
    }

    private void awaitDurable(String what, long ticket) {
        commitLock.lock();
        try {
            if (durable >= ticket) {
                return;
            }
            if (lost >= ticket) {
                throw notCommitted(what, lostBecause);
            }
            long upTo;
            long start = System.nanoTime();
            applyLock.lock();
            try {
                if (closed) {
                    return; // close() committed everything applied
                }
                upTo = applied;
                try {
                    store.current().store().commit();
                } catch (RuntimeException e) {
                    statistics.failed();
                    lose(e);
                    throw notCommitted(what, e);
                }
            } finally {
                applyLock.unlock();
            }
            try {
                store.current().store().sync();
            } catch (RuntimeException e) {
                statistics.failed();
                applyLock.lock();
                try {
                    lose(e);
                } finally {
                    applyLock.unlock();
                }
                throw notCommitted(what, e);
            }
            statistics.committed(upTo - Math.max(durable, lost), System.nanoTime() - start);
            durable = upTo;
        } finally {
            commitLock.unlock();
        }
    }

    /** Under both locks: every change applied and not durable is lost with the store, which is replaced. */
    private void lose(RuntimeException failure) {
        lost = applied;
        lostBecause = failure;
        store.replace(failure);
    }

    private StorageException notCommitted(String what, Throwable failure) {
        return new StorageException(description + ": " + what + " was not committed: " + ReopenableStore.reason(failure)
                + "; reads go on, and writes work again once the cause is fixed", failure);
    }

    /**
     * Runs {@code query} while no change is applied and the store is neither replaced nor closed (each of those
     * happens only under the apply lock): for a read that met its store closed under it.
     */
    <T> T withChangesHeld(Supplier<T> query) {
        applyLock.lock();
        try {
            return query.get();
        } finally {
            applyLock.unlock();
        }
    }

    /** Refuses further changes, lets a commit in progress finish and runs {@code closing} alone. */
    void close(Runnable closing) {
        commitLock.lock();
        try {
            applyLock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                closing.run();
            } finally {
                applyLock.unlock();
            }
        } finally {
            commitLock.unlock();
        }
    }
}
