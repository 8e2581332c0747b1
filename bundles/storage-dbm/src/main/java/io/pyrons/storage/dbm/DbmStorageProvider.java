package io.pyrons.storage.dbm;

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
 * Opens persistent key-value name stores ({@code dbm:FILE}) kept in one H2 MVStore file: names, URIs and
 * metadata survive restarts. Unlike Pyro4's dbm storage it keeps metadata, and its file is not a Python
 * dbm file: the Python store that {@code pyro4-ns -s dbm:FILE} wrote beside it ({@code FILE.db},
 * {@code FILE.dat}/{@code FILE.dir}) is imported into a new {@code FILE} once ({@link PythonDbmImport}). The
 * file is created when missing; a corrupt, damaged, foreign or unreadable file is refused and left untouched; a
 * failed write (a full disk) fails alone and the store goes on ({@link ReopenableStore}).
 */
@Component(immediate = true)
@StorageType(DbmStorageProvider.TYPE)
public class DbmStorageProvider implements StorageProvider {
    static final String TYPE = "dbm";

    /** Every store's commits, as io.pyrons:type=Storage,backend=dbm over JMX. */
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
        return DbmNameStorage.open(location, statistics);
    }
}
