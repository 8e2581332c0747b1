package io.pyrons.storage.sql;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.api.storage.StorageType;

import org.osgi.service.component.annotations.Component;

/**
 * Opens SQLite name stores ({@code sql:FILE}) in Pyro4's own schema, so a file written by
 * {@code pyro4-ns -s sql:FILE} opens here with every name, URI and metadata, and the other way round.
 * The file is created when missing; a corrupt or unreadable file is refused and left untouched.
 */
@Component(immediate = true)
@StorageType(SqlStorageProvider.TYPE)
public class SqlStorageProvider implements StorageProvider {
    static final String TYPE = "sql";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public NameStorage open(String location) throws StorageException {
        return SqlNameStorage.open(location);
    }
}
