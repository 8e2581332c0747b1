package io.pyrons.storage.dbm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.pyrons.api.storage.NameStorageCorruptFileContract;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StoreFiles;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/** A file that is not an intact pyrons dbm store is refused, named, and left byte for byte as it was. */
class DbmCorruptFileTest extends NameStorageCorruptFileContract {
    @Override
    protected StoreFiles storeFiles() {
        return new StoreFiles(new DbmStorageProvider(), ".mv");
    }

    /** MVStore's two header blocks. */
    @Override
    protected int intactHeaderBytes() {
        return 8192;
    }

    @Test
    void pythonDbmStyleFileIsRefused() throws IOException {
        // what a Python dbm.dumb data file looks like: not ours, and it must not be overwritten
        assertRefusedAndUntouched(Files.writeString(dir.resolve("names.dat"), "PYRO:obj@localhost:9999"
                + "\0".repeat(489)));
    }

    @Test
    void foreignMvStoreIsRefused() throws IOException {
        Path file = dir.resolve("foreign.mv");
        MVStore foreign = new MVStore.Builder().fileName(file.toString()).open();
        foreign.openMap("somebody.elses").put("k", "v");
        foreign.close();
        StorageException error = assertRefusedAndUntouched(file);
        assertTrue(error.getMessage().contains("somebody.elses"), error.getMessage());
    }
}
