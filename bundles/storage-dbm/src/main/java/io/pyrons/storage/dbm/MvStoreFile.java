package io.pyrons.storage.dbm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.pyrons.api.storage.StorageException;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.StringDataType;

/**
 * One MVStore file holding a name store: checks it read-only before anything may write to it, and opens it
 * with the three maps the store uses. Names sort as Java strings ({@link StringDataType} compares with
 * {@link String#compareTo}).
 */
final class MvStoreFile {
    static final String INFO = "pyrons";
    static final String NAMES = "names";
    static final String METADATA = "metadata";
    static final String FORMAT_KEY = "format";
    static final String FORMAT = "pyrons-dbm/1";
    /** An MVStore file that was created but never committed holds only its two 4 KiB header blocks. */
    private static final long HEADER_BYTES = 8192;

    private final Path path;

    MvStoreFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    String description() {
        return "dbm:" + path;
    }

    Path path() {
        return path;
    }

    /** The Python dbm store that pyro4-ns would use for the same {@code dbm:} option, or null. */
    PythonDbm pythonStoreBeside() {
        try {
            return PythonDbm.find(path);
        } catch (IOException e) {
            throw new StorageException(description() + ": cannot look for a Python dbm store beside it: " + e, e);
        }
    }

    /** The store's maps; a map opened on a read-only store is read-only. */
    record Maps(MVMap<String, String> info, MVMap<String, String> names, MVMap<String, String> metadata) {
        static Maps of(MVStore store) {
            return new Maps(open(store, INFO), open(store, NAMES), open(store, METADATA));
        }

        private static MVMap<String, String> open(MVStore store, String name) {
            return store.openMap(name, new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        }
    }

    /**
     * Refuses a file that exists but is not an intact pyrons dbm store, opening it read-only (so it cannot be
     * changed) and reading every registration, the way {@code PRAGMA quick_check} reads a SQLite file. With a
     * Python dbm store {@code beside} it, the store must have been imported from it, unchanged since.
     */
    void checkIntact(PythonDbm beside) {
        if (!Files.exists(path)) {
            if (!Files.isDirectory(path.getParent())) {
                throw new StorageException(description() + ": directory " + path.getParent() + " does not exist");
            }
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new StorageException(description() + ": not a regular file");
        }
        try {
            if (Files.size(path) == 0) {
                checkNothingBeside(beside);
                return; // an empty file is an empty store
            }
        } catch (IOException e) {
            throw new StorageException(description() + ": cannot read the file: " + e, e);
        }
        MVStore store = null;
        try {
            store = new MVStore.Builder().fileName(path.toString()).readOnly().open();
            checkNotRolledBack(store);
            if (!store.hasMap(INFO)) {
                if (store.getMapNames().isEmpty() && Files.size(path) <= HEADER_BYTES) {
                    checkNothingBeside(beside);
                    return; // created, but the process died before the first commit: an empty store
                }
                // MVStore opens a file whose chunks are all unreadable as an empty store; it is not empty
                throw new StorageException(description() + " is not a pyrons dbm store or is damaged (it holds "
                        + (store.getMapNames().isEmpty() ? "no readable data" : store.getMapNames())
                        + "); the file was left as it is");
            }
            Maps maps = Maps.of(store);
            String format = maps.info().get(FORMAT_KEY);
            if (!FORMAT.equals(format)) {
                throw new StorageException(description() + " has format " + format + ", this version reads "
                        + FORMAT + "; the file was left as it is");
            }
            if (beside != null) {
                PythonDbmImport.checkImported(description(), maps.info(), beside);
            }
            for (Map.Entry<String, String> entry : maps.names().entrySet()) {
                RegistrationCodec.decode(entry.getKey(), entry.getValue());
            }
            maps.metadata().sizeAsLong();
        } catch (MVStoreException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new StorageException(description() + ": cannot read the file: " + e, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StorageException(description() + " is corrupt (" + e.getMessage() + "); the file was left as it is", e);
        } finally {
            if (store != null) {
                store.closeImmediately();
            }
        }
    }

    /** An empty store imported nothing: a Python store beside it was never imported. */
    private void checkNothingBeside(PythonDbm beside) {
        if (beside != null) {
            PythonDbmImport.checkImported(description(), Map.of(), beside);
        }
    }

    /** Refuses a file whose newest acknowledged data MVStore could not read and silently skipped. */
    private void checkNotRolledBack(MVStore store) throws IOException {
        WrittenVersions written = WrittenVersions.of(path, store.getFileStore().getStoreHeader());
        long version = store.getCurrentVersion();
        if (written.rolledBack(version)) {
            throw new StorageException(description() + " is damaged (truncated or overwritten): it records data up to"
                    + " version " + written.newestAcknowledged() + ", but only the older version " + version
                    + " can be read, and opening it would silently lose the newer registrations; the file was left as"
                    + " it is (restore it from a backup, or move it away to start with an empty store)");
        }
    }

    /**
     * Opens the store for reading and writing. Auto-commit is off: the storage commits (and syncs) itself,
     * only between whole operations, so the file never holds half a change.
     */
    MVStore openForWriting() {
        try {
            return new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            throw refused(e);
        }
    }

    /** Opens the store read-only, for reads while it cannot be written (a full disk). */
    MVStore openReadOnly() {
        try {
            return new MVStore.Builder().fileName(path.toString()).readOnly().open();
        } catch (MVStoreException e) {
            throw refused(e);
        }
    }

    private StorageException refused(MVStoreException e) {
        if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
            return new StorageException(description() + " is in use by another store or process: " + e.getMessage(), e);
        }
        if (e.getErrorCode() == DataUtils.ERROR_READING_FAILED) {
            return new StorageException(description() + " cannot be read: " + e.getMessage(), e);
        }
        return new StorageException(description() + " is not a pyrons dbm store or is corrupt (" + e.getMessage()
                + "); the file was left as it is", e);
    }
}
