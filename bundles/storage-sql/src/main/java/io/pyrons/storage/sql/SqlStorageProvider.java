package io.pyrons.storage.sql;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.api.storage.StorageType;
import io.pyrons.api.storage.WriteStatistics;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * Opens SQLite name stores ({@code sql:FILE}) in Pyro4's own schema, so a file written by
 * {@code pyro4-ns -s sql:FILE} opens here with every name, URI and metadata, and the other way round.
 * The file is created when missing; a corrupt or unreadable file is refused and left untouched.
 */
@Component(immediate = true)
@StorageType(SqlStorageProvider.TYPE)
public class SqlStorageProvider implements StorageProvider {
    static final String TYPE = "sql";

    /** Every store's commits, as io.pyrons:type=Storage,backend=sql over JMX. */
    private final WriteStatistics statistics = new WriteStatistics();

    @Activate
    void activate(BundleContext context) {
        statistics.register(context, TYPE);
    }

    @Deactivate
    void deactivate() {
        statistics.unregister();
    }

    /**
     * Its configuration (PID the class name, optional) holds no setting of its own: its properties, such as the
     * {@code default.location} a storage feature sets, become service properties, and a change is applied in
     * place so that the name server sees an updated service (and may move its names) rather than a new one.
     */
    @Modified
    void modified() {
        // nothing to do: Declarative Services updates the service properties
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public NameStorage open(String location) throws StorageException {
        return SqlNameStorage.open(location, statistics);
    }
}
