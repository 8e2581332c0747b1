package io.pyrons.naming;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroRules;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageProvider;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The name server: Pyro4's {@code NameServerDaemon} setup over the storage provider the configuration selects.
 * It opens the store, registers itself as {@value NameServer#OBJECT_ID} with the daemon's URI for it and the
 * metadata {@code class:Pyro4.naming.NameServer}, and is offered both as the Java {@link NameServer} service
 * and as the Pyro object the daemon serves under that id. The store is closed on deactivation; changing
 * {@code storage}/{@code storage.target} re-activates the component against the other backend.
 */
@Component(immediate = true, configurationPid = NamingConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {NameServer.class, PyroObject.class},
        property = PyroObject.OBJECT_ID + "=" + NameServer.OBJECT_ID)
@Designate(ocd = NamingConfiguration.class)
public class NameServerComponent implements NameServer, PyroObject {
    static final String NAMESERVER_CLASS_METADATA = "class:Pyro4.naming.NameServer";

    private final NameStorage storage;
    private final StoredNameServer nameServer;
    private final NameServerDispatch dispatch;
    /** Null when autoclean is off. */
    private final AutoCleaner cleaner;

    @Activate
    public NameServerComponent(NamingConfiguration config,
                               @Reference(name = "storage") StorageProvider storageProvider,
                               @Reference PyroDaemon daemon) {
        PyroRules.checkAutoclean(config.autoclean());
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
                    ? AutoCleaner.start(nameServer, Duration.ofNanos((long) (config.autoclean() * 1e9)),
                            PyroRules.autocleanCheckTimeout(PyroRules.commTimeout(config.comm_timeout())))
                    : null;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    @Deactivate
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
    public List<Registration> list(String prefix, String regex,
                                   Collection<String> metadataAll, Collection<String> metadataAny) {
        return nameServer.list(prefix, regex, metadataAll, metadataAny);
    }

    @Override
    public List<Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny) {
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
