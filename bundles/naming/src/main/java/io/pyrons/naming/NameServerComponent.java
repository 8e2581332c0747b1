package io.pyrons.naming;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageProvider;

/**
 * The name server: Pyro4's {@code NameServerDaemon} setup over the storage provider the configuration selects.
 * It opens the store, registers itself as {@value NameServer#OBJECT_ID} with the daemon's URI for it and the
 * metadata {@code class:Pyro4.naming.NameServer}, and is offered both as the Java {@link NameServer} service
 * and as the Pyro object the daemon serves under that id ({@link NameServerStarter} registers it). The store is
 * closed on deactivation.
 */
public class NameServerComponent implements NameServer, PyroObject {
    static final String NAMESERVER_CLASS_METADATA = "class:Pyro4.naming.NameServer";
    /** Pyro4's AutoCleaner.min_autoclean_value. */
    static final double MIN_AUTOCLEAN = 3;

    private final NameStorage storage;
    private final StoredNameServer nameServer;
    private final NameServerDispatch dispatch;
    /** Null when autoclean is off. */
    private final AutoCleaner cleaner;

    public NameServerComponent(NamingConfiguration config, StorageProvider storageProvider, PyroDaemon daemon) {
        checkAutoclean(config.autoclean());
        StorageSetting setting = StorageSetting.parse(config.storage());
        if (!setting.type().equals(storageProvider.type())) {
            throw new IllegalStateException("storage '" + config.storage() + "' needs a " + setting.type()
                    + " storage provider but storage.target selected the " + storageProvider.type()
                    + " provider; set storage.target=(" + StorageProvider.TYPE + "=" + setting.type() + ")");
        }
        this.storage = storageProvider.open(setting.location());
        try {
            this.nameServer = new StoredNameServer(storage);
            this.dispatch = new NameServerDispatch(nameServer, storage.nonBlocking());
            nameServer.register(NameServer.OBJECT_ID, daemon.uriFor(NameServer.OBJECT_ID).asString(), false,
                    Set.of(NAMESERVER_CLASS_METADATA));
            this.cleaner = config.autoclean() > 0
                    ? AutoCleaner.start(nameServer, seconds(config.autoclean()), probeTimeout(config.comm_timeout()))
                    : null;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    static void checkAutoclean(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("autoclean must be 0 (off) or at least " + (int) MIN_AUTOCLEAN
                    + " seconds, not " + seconds);
        }
        if (seconds > 0 && seconds < MIN_AUTOCLEAN) {
            throw new IllegalArgumentException("NS_AUTOCLEAN cannot be smaller than " + (int) MIN_AUTOCLEAN);
        }
    }

    /** Pyro4: {@code config.COMMTIMEOUT or 5}. */
    static Duration probeTimeout(double commTimeout) {
        if (Double.isNaN(commTimeout) || commTimeout < 0) {
            throw new IllegalArgumentException("comm.timeout must be >= 0 seconds, not " + commTimeout);
        }
        return commTimeout == 0 ? Duration.ofSeconds(5) : seconds(commTimeout);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    void deactivate() {
        if (cleaner != null) {
            cleaner.close();
        }
        storage.close();
    }

    /** The running autocleaner, or null when autoclean is off. */
    AutoCleaner cleaner() {
        return cleaner;
    }

    /** What the store is, for status output ({@code memory}, {@code sql:/var/ns.sqlite}). */
    String storageDescription() {
        return storage.description();
    }

    @Override
    public int count() {
        return nameServer.count();
    }

    @Override
    public PyroURI lookup(String name) {
        return nameServer.lookup(name);
    }

    @Override
    public Registration lookupRegistration(String name) {
        return nameServer.lookupRegistration(name);
    }

    @Override
    public void register(String name, String uri, boolean safe, Collection<String> metadata) {
        nameServer.register(name, uri, safe, metadata);
    }

    @Override
    public void setMetadata(String name, Collection<String> metadata) {
        nameServer.setMetadata(name, metadata);
    }

    @Override
    public int remove(String name, String prefix, String regex) {
        return nameServer.remove(name, prefix, regex);
    }

    @Override
    public SortedMap<String, Registration> list(String prefix, String regex,
                                                Collection<String> metadataAll, Collection<String> metadataAny) {
        return nameServer.list(prefix, regex, metadataAll, metadataAny);
    }

    @Override
    public SortedMap<String, Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny) {
        return nameServer.yplookup(metadataAll, metadataAny);
    }

    @Override
    public void ping() {
        nameServer.ping();
    }

    @Override
    public ExposedMembers members() {
        return dispatch.members();
    }

    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) {
        return dispatch.invoke(method, args, kwargs);
    }

    @Override
    public boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
        return dispatch.isQuick(method, args, kwargs);
    }
}
