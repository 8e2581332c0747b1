package io.pyrons.storage.dbm;

import io.pyrons.api.storage.NameStorageConcurrencyContract;
import io.pyrons.api.storage.StoreFiles;

class DbmConcurrencyTest extends NameStorageConcurrencyContract {
    @Override
    protected StoreFiles storeFiles() {
        return new StoreFiles(new DbmStorageProvider(), ".mv");
    }
}
