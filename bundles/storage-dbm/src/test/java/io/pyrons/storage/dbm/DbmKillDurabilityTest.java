package io.pyrons.storage.dbm;

import io.pyrons.api.storage.NameStorageKillContract;
import io.pyrons.api.storage.StoreFiles;

class DbmKillDurabilityTest extends NameStorageKillContract {
    @Override
    protected StoreFiles storeFiles() {
        return new StoreFiles(new DbmStorageProvider(), ".mv");
    }
}
