package io.pyrons.storage.sql;

import io.pyrons.api.storage.NameStorageConcurrencyContract;
import io.pyrons.api.storage.StoreFiles;

class SqlConcurrencyTest extends NameStorageConcurrencyContract {
    @Override
    protected StoreFiles storeFiles() {
        return new StoreFiles(new SqlStorageProvider(), ".sqlite");
    }
}
