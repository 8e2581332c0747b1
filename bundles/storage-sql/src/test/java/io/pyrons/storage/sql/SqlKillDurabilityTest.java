package io.pyrons.storage.sql;

import io.pyrons.api.storage.NameStorageKillContract;
import io.pyrons.api.storage.StoreFiles;

class SqlKillDurabilityTest extends NameStorageKillContract {
    @Override
    protected StoreFiles storeFiles() {
        return new StoreFiles(new SqlStorageProvider(), ".sqlite");
    }
}
