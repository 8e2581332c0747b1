package io.pyrons.storage.dbm;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.StorageException;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Moves a user from {@code pyro4-ns -s dbm:F} to pyrons with the same option: the first time pyrons opens
 * {@code dbm:F} and finds no store of its own at {@code F} but a Python dbm store beside it ({@code F.db},
 * {@code F.dat}/{@code F.dir}), it copies every name and URI into a new pyrons store at {@code F} and says so in
 * the log. The new file is written under a temporary name and renamed into place once complete, so a crash
 * mid-import leaves no half store at {@code F}. The Python files are only read, never changed or removed.
 *
 * <p>The store keeps which files it imported and their SHA-256. Later opens compare: a Python store beside
 * {@code F} that this store did not import, or that changed since (pyro4-ns ran on it again), is refused rather
 * than ignored, since either way names would silently be missing.
 */
final class PythonDbmImport {
    private static final Logger LOG = System.getLogger("io.pyrons.storage.dbm");
    static final String SOURCE_KEY = "imported.from";
    static final String DIGEST_KEY = "imported.sha256";
    static final String TIME_KEY = "imported.at";
    static final String COUNT_KEY = "imported.names";

    private PythonDbmImport() {
    }

    /** Creates {@code target} (which does not exist) holding every name of {@code source}. */
    static void run(MvStoreFile target, PythonDbm source) {
        String description = target.description();
        Map<String, String> names = source.read(description);
        String digest;
        try {
            digest = source.digest();
        } catch (IOException e) {
            throw new StorageException(description + ": cannot read " + source.describe() + ": " + e, e);
        }
        Path file = target.path();
        Path temporary = file.resolveSibling(file.getFileName() + ".pyrons-import");
        try {
            Files.deleteIfExists(temporary); // left by an import that a crash cut short
            MVStore store = new MVStore.Builder().fileName(temporary.toString()).autoCommitDisabled().open();
            try {
                MvStoreFile.Maps maps = MvStoreFile.Maps.of(store);
                maps.info().put(MvStoreFile.FORMAT_KEY, MvStoreFile.FORMAT);
                maps.info().put(SOURCE_KEY, source.describe());
                maps.info().put(DIGEST_KEY, digest);
                maps.info().put(TIME_KEY, Instant.now().toString());
                maps.info().put(COUNT_KEY, Integer.toString(names.size()));
                for (Map.Entry<String, String> name : names.entrySet()) {
                    // Pyro4's dbm storage keeps no metadata
                    maps.names().put(name.getKey(), RegistrationCodec.encode(new Registration(name.getKey(), name.getValue(), Set.of())));
                }
                store.commit();
                store.close(); // syncs
            } catch (MVStoreException e) {
                store.closeImmediately();
                throw e;
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true); // the rename itself survives a power failure
            }
        } catch (IOException | MVStoreException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the next import starts by removing it again
            }
            throw new StorageException(description + ": importing " + source.describe() + " failed: " + e
                    + "; the Python files were left as they are", e);
        }
        LOG.log(Level.WARNING, description + ": imported " + names.size() + " names with their URIs from "
                + source.describe() + "; from now on pyrons keeps them in " + file + " and leaves the Python files as"
                + " they are");
    }

    /**
     * Refuses a store at {@code F} beside which {@code source} lies, unless the store was imported from exactly
     * those files, unchanged since.
     */
    static void checkImported(String description, Map<String, String> info, PythonDbm source) {
        String importedFrom = info.get(SOURCE_KEY);
        String hint = "move " + source.files().get(0).getFileName() + " away to keep using the pyrons store, or move "
                + description.substring("dbm:".length()) + " away to import the Python store";
        if (importedFrom == null) {
            throw new StorageException(description + " is a pyrons store, and beside it lies " + source.describe()
                    + " that it never imported: pyrons will not guess which one holds your names; " + hint
                    + "; the files were left as they are");
        }
        String digest;
        try {
            digest = source.digest();
        } catch (IOException e) {
            throw new StorageException(description + ": cannot read " + source.describe() + ": " + e, e);
        }
        if (!importedFrom.equals(source.describe()) || !digest.equals(info.get(DIGEST_KEY))) {
            throw new StorageException(description + " was imported on " + info.get(TIME_KEY) + " from "
                    + importedFrom + ", and beside it now lies " + source.describe() + " with other contents (did"
                    + " pyro4-ns run on it since?): " + hint + "; the files were left as they are");
        }
    }
}
