package io.pyrons.storage.sql;

import io.pyrons.api.storage.NameStorageCorruptFileContract;
import io.pyrons.api.storage.StoreFiles;

/** A file that is not an intact SQLite database is refused, named, and left byte for byte as it was. */
class SqlCorruptFileTest extends NameStorageCorruptFileContract {
    @Override
    protected StoreFiles storeFiles() {
        return new StoreFiles(new SqlStorageProvider(), ".sqlite");
    }

    /** SQLite's first page (4096 bytes by default) holds the header. */
    @Override
    protected int intactHeaderBytes() {
        return 4096;
    }
}
