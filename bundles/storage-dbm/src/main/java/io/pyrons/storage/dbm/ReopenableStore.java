package io.pyrons.storage.dbm;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.pyrons.api.storage.StorageException;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The open MVStore of a name store, replaced by a fresh one from the file when a write fails.
 *
 * <p>Why: MVStore closes itself for good when a write to its file fails (a full disk: "This store is closed" on
 * every later call), and its maps still hold the changes that failed. The file, though, holds every commit that
 * was synced, and only those. So after a failure the store is dropped and the file opened again: the failed
 * changes are gone, reads go on, and once the disk has room again writes do too. While the file cannot be opened
 * for writing (still full), it is opened read-only, and every write first tries to open it for writing again.
 *
 * <p>{@link #maps()} is read without a lock; {@link #replace} and {@link #ensureWritable} run under the caller's
 * apply lock (GroupCommit), so no change is applied while the store is swapped.
 */
final class ReopenableStore {
    private static final Logger LOG = System.getLogger("io.pyrons.storage.dbm");

    /** One MVStore and its maps; a read-only one after a failed reopen. */
    record Open(MVStore store, MvStoreFile.Maps maps, boolean writable) {
    }

    private final MvStoreFile file;
    private volatile Open current;

    ReopenableStore(MvStoreFile file, MVStore store) {
        this.file = file;
        this.current = new Open(store, MvStoreFile.Maps.of(store), true);
    }

    Open current() {
        return current;
    }

    MvStoreFile.Maps maps() {
        return current.maps();
    }

    /**
     * For a reader that found {@code stale} closed under it: the store that replaces it, once a failed write has
     * been handled (MVStore closes itself at the failure, a little before the writer replaces it), or null if none
     * comes within a second.
     */
    Open replacementOf(Open stale) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (current == stale && stale.store().isClosed() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        Open now = current;
        return now == stale ? null : now;
    }

    /**
     * Drops the store after a failed write, losing every change not yet committed and synced, and opens the file
     * again: for writing if it can, else read-only.
     */
    void replace(RuntimeException failure) {
        current.store().closeImmediately();
        try {
            current = openWritable();
            LOG.log(Level.WARNING, file.description() + ": a write failed (" + reason(failure) + "); the store was"
                    + " reopened from its file with every acknowledged change");
        } catch (RuntimeException reopenFailure) {
            current = openReadOnly(reopenFailure);
            LOG.log(Level.WARNING, file.description() + ": a write failed (" + reason(failure) + ") and the file"
                    + " cannot be opened for writing (" + reason(reopenFailure) + "); it serves reads, and each write"
                    + " tries again");
        }
    }

    /** Before a change: a store that can take it, reopening the file for writing if need be. */
    void ensureWritable(String what) {
        if (current.writable()) {
            return;
        }
        current.store().closeImmediately();
        try {
            current = openWritable();
            LOG.log(Level.WARNING, file.description() + " is writable again");
        } catch (RuntimeException e) {
            current = openReadOnly(e);
            throw new StorageException(file.description() + ": " + what + " failed: the file cannot be written ("
                    + reason(e) + "); reads go on, and the next write tries again", e);
        }
    }

    private Open openWritable() {
        MVStore store = file.openForWriting();
        try {
            return new Open(store, MvStoreFile.Maps.of(store), true);
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private Open openReadOnly(RuntimeException cause) {
        try {
            MVStore store = file.openReadOnly();
            return new Open(store, MvStoreFile.Maps.of(store), false);
        } catch (RuntimeException e) {
            e.addSuppressed(cause);
            throw new StorageException(file.description() + " cannot be opened again after a failed write: "
                    + reason(e), e);
        }
    }

    /**
     * What went wrong, for people: the I/O error under MVStore's wrapping (e.g. "No space left on device"), else
     * the failure's message with its root cause.
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IOException && root.getMessage() != null) {
            return root.getMessage();
        }
        String message = String.valueOf(failure.getMessage());
        return root == failure || message.contains(String.valueOf(root.getMessage()))
                ? message : message + " (" + root.getMessage() + ")";
    }
}
