package io.pyrons.storage.dbm;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

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
 * <p>{@link #maps()} is read without a lock; {@link #replace}, {@link #ensureWritable} and {@link #readable} run
 * under the caller's apply lock (GroupCommit), so no change is applied while the store is swapped, and a query
 * under that lock meets no store closed under it (MVStore closes itself only in a commit, also under that lock).
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
     * Drops the store after a failed write, losing every change not yet committed and synced, and opens the file
     * again: for writing if it can, else read-only. If it cannot even be read, the closed store stays, marked not
     * writable: the next write, or {@link #readable read}, tries to open the file again.
     */
    void replace(RuntimeException failure) {
        current.store().closeImmediately();
        try {
            current = openWritable();
            LOG.log(Level.WARNING, file.description() + ": a write failed (" + reason(failure) + "); the store was"
                    + " reopened from its file with every acknowledged change");
        } catch (RuntimeException reopenFailure) {
            try {
                current = openReadOnly(reopenFailure);
                LOG.log(Level.WARNING, file.description() + ": a write failed (" + reason(failure) + ") and the file"
                        + " cannot be opened for writing (" + reason(reopenFailure) + "); it serves reads, and each"
                        + " write tries again");
            } catch (StorageException unreadable) {
                current = new Open(current.store(), current.maps(), false);
                LOG.log(Level.ERROR, file.description() + ": a write failed (" + reason(failure) + ") and the file"
                        + " cannot be opened again (" + reason(unreadable) + "); each read and write tries again");
            }
        }
    }

    /**
     * Under the apply lock, for a read that found its store closed: the current store, opened read-only again if a
     * failed write left it closed (a clear error if the file cannot be read).
     */
    Open readable() {
        if (current.store().isClosed()) {
            current = openReadOnly(null);
            LOG.log(Level.WARNING, file.description() + " can be read again");
        }
        return current;
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
            current = openReadOnly(e); // if it throws, the closed store stays: not writable, reopened by readable()
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

    /** Opens the file read-only after {@code cause} (null if none) kept it from being opened for writing. */
    private Open openReadOnly(RuntimeException cause) {
        try {
            MVStore store = file.openReadOnly();
            return new Open(store, MvStoreFile.Maps.of(store), false);
        } catch (RuntimeException e) {
            if (cause != null) {
                e.addSuppressed(cause);
            }
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
