package io.pyrons.naming;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import javax.management.DynamicMBean;
import javax.management.StandardMBean;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroRules;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.status.PartStatus;
import io.pyrons.api.status.PartStatus.State;
import io.pyrons.api.status.PartStatusRegistration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageProvider;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The name server: Pyro4's {@code NameServerDaemon} setup over the store the {@code storage} setting selects,
 * offered as the Java {@link NameServer} service and as the Pyro object {@value NameServer#OBJECT_ID}.
 *
 * <p>Why it is built this way. The component is active whenever it is configured, whatever backends are
 * installed, and it is served as {@value NameServer#OBJECT_ID} all that time: a client must never meet "unknown
 * object" or an empty phone book because a backend is missing. It tracks every {@link StorageProvider} service
 * (multiple, dynamic, greedy; {@code storage.target}, when configured, still filters them) and selects the one
 * whose {@value StorageProvider#TYPE} is the type in {@code storage = TYPE[:LOCATION]}, so that {@code storage}
 * alone switches and a new backend needs no edit here. What clients are served from is one volatile
 * {@link Serving}, swapped atomically: the open store, or the one-line reason there is none (then every call is a
 * {@link NamingError} with it). The same state is published as the {@link PartStatus} {@value PartStatus#NAME_SERVER}.
 * A static reference to one provider would instead throw the name server away with its backend and make
 * {@code storage} useless without a matching {@code storage.target}.
 *
 * <p>Switching store (a configuration change, a backend appearing or going) moves the registrations as
 * {@link StoreMove} says. The copy runs while client writes wait on {@link #writeGate} and reads go on against
 * the old store, so clients see the old namespace or the new one, never half; the old store is closed once the
 * reads on it have ended. When the configured backend is not installed the last store stays open (not served)
 * so its names move once the backend appears; when the backend in use goes away its store is closed and the
 * name server stays unavailable, never silently falling back to an empty store.
 *
 * <p>The daemon is a dynamic, optional reference: a daemon reconfigured to another address (a MODIFIED
 * {@link PyroDaemon} service) or replaced by a new one only re-registers {@value NameServer#OBJECT_ID} with the
 * new URI; the name server and its store stay.
 */
@Component(immediate = true, configurationPid = NamingConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {NameServer.class, PyroObject.class},
        property = PyroObject.OBJECT_ID + "=" + NameServer.OBJECT_ID)
@Designate(ocd = NamingConfiguration.class)
public class NameServerComponent implements NameServer, PyroObject {
    private static final Logger LOG = System.getLogger("io.pyrons.naming");
    static final String NAMESERVER_CLASS_METADATA = "class:Pyro4.naming.NameServer";
    /** The tag Pyro5's name server gives its own entry: one name server serves both, so it carries both. */
    static final String PYRO5_NAMESERVER_CLASS_METADATA = "class:Pyro5.nameserver.NameServer";
    /** How long a replaced store waits for the reads still running on it before it is closed. */
    static final Duration DRAIN = Duration.ofSeconds(10);
    static final String TARGET_PROPERTY = "storage.target";

    /** What clients are served from right now. */
    sealed interface Serving {
        /** Serving from {@code store}. */
        record Up(OpenStore store) implements Serving {
        }

        /** Not serving; every call is a NamingError with {@code reason}. */
        record Unavailable(String reason) implements Serving {
        }
    }

    /** The name server's MBean: see {@link NameServerMetricsMXBean}. */
    static final String MBEAN_OBJECT_NAME = "io.pyrons:type=NameServer";

    /** The name server's {@link PartStatus}, also kept here for tests and status output. */
    record Status(State state, String detail) {
    }

    private final BundleContext context;
    private final StorageBackends backends = new StorageBackends();
    /** Dispatches Pyro calls to this object's NameServer methods, which route them to the current store. */
    private final NameServerDispatch dispatch = new NameServerDispatch(this, null);
    /** Read side: a client's write; write side: a switch copying names and swapping the store. */
    private final ReentrantReadWriteLock writeGate = new ReentrantReadWriteLock();
    /** Orders every change of store, backend, daemon and configuration. */
    private final Object switchLock = new Object();

    private volatile Serving serving = new Serving.Unavailable("the name server is starting");
    /** While a switch copies names, no call counts as quick: a write would wait for the copy on an I/O thread. */
    private volatile boolean switching;
    private volatile Status status = new Status(State.UNAVAILABLE, "the name server is starting");

    // guarded by switchLock
    private String storage;
    /**
     * Without a {@code storage} setting: the offered default store chosen once a provider offered one (see
     * {@link StorageBackends#offeredDefault()}); it then stays chosen like a setting, also while its backend is
     * gone, so that names never fall back to an empty memory store. Null while on memory or with a setting.
     */
    private StorageSetting chosenDefault;
    /** Zero when autoclean is off. */
    private Duration cleanInterval;
    private Duration probeTimeout;
    private Map<String, ?> properties;
    private PyroDaemon daemon;
    /** The store last opened: the one served while {@link #serving} is Up; kept, unserved, while its successor is missing. */
    private OpenStore held;
    /** What the last switch did with the names, shown after the store's description. */
    private String switchNote = "";
    private boolean active;
    /** Null until the status is first published (see {@link #start()}). */
    private PartStatusRegistration statusRegistration;
    private FrameworkListener startedListener;
    private ServiceRegistration<DynamicMBean> mbean;

    @Activate
    public NameServerComponent(BundleContext context, NamingConfiguration config, Map<String, ?> properties) {
        this.cleanInterval = cleanInterval(config.autoclean());
        this.probeTimeout = probeTimeout(config.comm_timeout());
        this.storage = config.storage();
        this.properties = properties;
        this.context = context;
    }

    /**
     * A name server without a framework (tests, the bench's embedded server): {@code provider} is the one
     * installed backend, {@code daemon} the daemon, and it starts at once.
     */
    public NameServerComponent(NamingConfiguration config, StorageProvider provider, PyroDaemon daemon) {
        this(null, config, Map.of());
        bindStorage(provider, Map.of(StorageProvider.TYPE, provider.type()));
        bindDaemon(daemon);
        start();
    }

    /**
     * Runs once the references are bound: opens the configured store and publishes the status. While the framework
     * is still starting, a backend that is not there yet may only not have started yet; the status is then published
     * once the store serves or the framework has started, so that its first state is a verdict a launcher can report.
     */
    @Activate
    void start() {
        synchronized (switchLock) {
            active = true;
            reconcile();
            if (context == null) {
                return;
            }
            mbean = registerMBean();
            if (status.state() == State.UP || frameworkStarted()) {
                registerStatus();
            } else {
                startedListener = event -> {
                    if (event.getType() == FrameworkEvent.STARTED) {
                        synchronized (switchLock) {
                            if (active) {
                                registerStatus();
                            }
                        }
                    }
                };
                context.addFrameworkListener(startedListener);
                if (frameworkStarted()) {
                    registerStatus(); // started between the check and adding the listener
                }
            }
        }
    }

    private boolean frameworkStarted() {
        try {
            return context.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.ACTIVE;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private void registerStatus() {
        if (statusRegistration == null) {
            statusRegistration = PartStatusRegistration.register(context, PartStatus.NAME_SERVER,
                    status.state(), status.detail(), null);
        }
    }

    @Modified
    void modified(NamingConfiguration config, Map<String, ?> newProperties) {
        synchronized (switchLock) {
            try {
                Duration interval = cleanInterval(config.autoclean());
                Duration timeout = probeTimeout(config.comm_timeout());
                if (!interval.equals(cleanInterval) || !timeout.equals(probeTimeout)) {
                    cleanInterval = interval;
                    probeTimeout = timeout;
                    if (serving instanceof Serving.Up up) {
                        startCleaner(up.store());
                    }
                }
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, "io.pyrons.naming: " + e.getMessage() + "; autoclean left as it was");
            }
            storage = config.storage();
            if (storage != null && !storage.isBlank()) {
                chosenDefault = null;
            }
            properties = newProperties;
            reconcile();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (switchLock) {
            active = false;
            serving = new Serving.Unavailable("the name server is stopping");
            if (held != null) {
                retire(held);
                held = null;
            }
            if (startedListener != null) {
                try {
                    context.removeFrameworkListener(startedListener);
                } catch (IllegalStateException e) {
                    // the bundle is stopping: the listener goes with it
                }
                startedListener = null;
            }
            if (statusRegistration != null) {
                statusRegistration.unregister();
                statusRegistration = null;
            }
            if (mbean != null) {
                try {
                    mbean.unregister();
                } catch (IllegalStateException e) {
                    // gone with the bundle
                }
                mbean = null;
            }
        }
    }

    /** {@link NameServerMetricsMXBean} as a {@code jmx.objectname} service: the JMX whiteboard registers it. */
    private ServiceRegistration<DynamicMBean> registerMBean() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jmx.objectname", MBEAN_OBJECT_NAME);
        return context.registerService(DynamicMBean.class,
                new StandardMBean(new NameServerMetricsMXBean() {
                    @Override
                    public int getNamesStored() {
                        return serving instanceof Serving.Up ? count() : -1;
                    }

                    @Override
                    public boolean isAvailable() {
                        return serving instanceof Serving.Up;
                    }

                    @Override
                    public String getStorage() {
                        return status.detail();
                    }

                    @Override
                    public String checkStorageWritable() {
                        return NameServerComponent.this.checkStorageWritable();
                    }
                }, NameServerMetricsMXBean.class, true), props);
    }

    /**
     * Probes that the store served now takes writes ({@link NameStorage#checkWritable()}); returns its description,
     * or throws a NamingError while no store is served and a StorageException when it cannot write.
     */
    String checkStorageWritable() {
        Serving now = serving;
        if (!(now instanceof Serving.Up up)) {
            throw unavailableError(now);
        }
        up.store().storage().checkWritable();
        return up.store().storage().description();
    }

    @Reference(name = "storage", service = StorageProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedStorage", unbind = "unbindStorage")
    void bindStorage(StorageProvider provider, Map<String, ?> serviceProperties) {
        synchronized (switchLock) {
            backends.add(provider, serviceProperties);
            if (active) {
                reconcile();
            }
        }
    }

    void updatedStorage(StorageProvider provider, Map<String, ?> serviceProperties) {
        synchronized (switchLock) {
            backends.remove(provider);
            backends.add(provider, serviceProperties);
            if (active) {
                reconcile();
            }
        }
    }

    /**
     * A backend goes away (its bundle stops): a store it opened is closed now, while its classes still work,
     * and is not replaced by another backend's; the name server is unavailable until the backend is back.
     */
    void unbindStorage(StorageProvider provider) {
        synchronized (switchLock) {
            backends.remove(provider);
            if (held != null && held.provider() == provider) {
                OpenStore gone = held;
                held = null;
                if (serving instanceof Serving.Up up && up.store() == gone) {
                    switchNote = "";
                    unavailable("storage backend '" + gone.setting().type() + "' is not installed");
                }
                retire(gone);
            }
            if (active) {
                reconcile();
            }
        }
    }

    @Reference(name = "daemon", service = PyroDaemon.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedDaemon", unbind = "unbindDaemon")
    void bindDaemon(PyroDaemon newDaemon) {
        synchronized (switchLock) {
            daemon = newDaemon;
            registerSelfQuietly();
        }
    }

    /** The daemon's properties changed, e.g. {@code pyrons.daemon.location} after a move to another port. */
    void updatedDaemon(PyroDaemon changed) {
        synchronized (switchLock) {
            daemon = changed;
            registerSelfQuietly();
        }
    }

    void unbindDaemon(PyroDaemon gone) {
        synchronized (switchLock) {
            if (daemon == gone) {
                daemon = null; // the entry keeps the last URI until a daemon is bound again
            }
        }
    }

    // ---- switching ---------------------------------------------------------------------------------------

    /** Brings the served store in line with the configuration and the installed backends. */
    private void reconcile() {
        if (!active) {
            return;
        }
        StorageSetting setting;
        try {
            setting = storage == null || storage.isBlank() ? unsetStorage() : StorageSetting.parse(storage);
        } catch (IllegalArgumentException e) {
            unavailable(e.getMessage());
            return;
        }
        StorageProvider provider = backends.provider(setting.type()).orElse(null);
        if (held != null && held.setting().equals(setting) && held.provider() == provider) {
            if (!(serving instanceof Serving.Up)) {
                serve(held);
            } else if (!switchNote.isEmpty() && switchNote.startsWith("cannot switch")) {
                switchNote = ""; // configured back to the store in use
                publish();
            }
            return;
        }
        if (provider == null) {
            unavailable(notInstalled(setting.type()));
            return;
        }
        OpenStore opened;
        try {
            opened = OpenStore.open(setting, provider);
        } catch (RuntimeException e) {
            refuse(setting, oneLine(e));
            return;
        }
        OpenStore from = held;
        String note;
        switching = true;
        writeGate.writeLock().lock();
        try {
            if (from != null) {
                from.stopCleaner();
            }
            try {
                note = from == null ? "" : StoreMove.move(from.storage(), opened.storage());
                registerSelf(opened);
            } catch (RuntimeException e) {
                opened.close(Duration.ZERO);
                if (from != null && serving instanceof Serving.Up) {
                    startCleaner(from);
                }
                refuse(setting, oneLine(e));
                return;
            }
            held = opened;
            serving = new Serving.Up(opened);
        } finally {
            writeGate.writeLock().unlock();
            switching = false;
        }
        switchNote = note;
        startCleaner(opened);
        publish();
        LOG.log(Level.INFO, (from == null ? "name server on " : "name server switched from " + from.description()
                + " to ") + opened.description() + (note.isEmpty() ? "" : ": " + note));
        if (from != null) {
            retire(from);
        }
    }

    /**
     * The store when {@code storage} is not set: the default location a storage provider offers (installing a
     * storage feature in Karaf configures one), following that provider's changes; memory until one does.
     */
    private StorageSetting unsetStorage() {
        if (chosenDefault == null) {
            chosenDefault = backends.offeredDefault().orElse(null);
        } else {
            String location = backends.offeredLocation(chosenDefault.type()).orElse(null);
            if (location != null) {
                chosenDefault = new StorageSetting(chosenDefault.type(), location);
            }
        }
        return chosenDefault != null ? chosenDefault : StorageSetting.parse(StorageSetting.DEFAULT);
    }

    /**
     * {@code setting} cannot be opened or filled: a name server that serves stays on its store and says so;
     * one that does not is unavailable for that reason.
     */
    private void refuse(StorageSetting setting, String reason) {
        if (serving instanceof Serving.Up up) {
            String note = "cannot switch to " + setting + ": " + reason + "; still on " + up.store().description();
            if (!note.equals(switchNote)) {
                switchNote = note;
                LOG.log(Level.WARNING, note);
                publish();
            }
        } else {
            unavailable(reason);
        }
    }

    private void serve(OpenStore store) {
        serving = new Serving.Up(store);
        startCleaner(store);
        publish();
        LOG.log(Level.INFO, "name server on " + store.description());
    }

    /** Stops serving for {@code reason}; the store last opened stays open so its names can move on later. */
    private void unavailable(String reason) {
        if (serving instanceof Serving.Unavailable u && u.reason().equals(reason)) {
            return;
        }
        serving = new Serving.Unavailable(reason);
        if (held != null) {
            held.stopCleaner();
        }
        publish();
        // INFO, not WARNING: while the runtime starts a backend may only not have started yet, and while it stops
        // backends go before the name server; a verdict is the status (PartStatus), which pyro-ns and ns:status show
        LOG.log(Level.INFO, "name server unavailable: " + reason);
    }

    /** Closes a store that no longer serves, once in-flight writes and reads on it are done. */
    private void retire(OpenStore store) {
        writeGate.writeLock().lock(); // waits for writes that started before the store was replaced
        writeGate.writeLock().unlock();
        try {
            store.close(DRAIN);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing " + store.description() + " failed: " + oneLine(e));
        }
    }

    private String notInstalled(String type) {
        if (context != null && properties.get(TARGET_PROPERTY) != null) {
            try {
                if (context.getServiceReferences(StorageProvider.class,
                        "(" + StorageProvider.TYPE + "=" + escapeFilter(type) + ")").size() > 0) {
                    return "storage backend '" + type + "' is installed but " + TARGET_PROPERTY + " "
                            + properties.get(TARGET_PROPERTY) + " excludes it";
                }
            } catch (InvalidSyntaxException | IllegalStateException e) {
                // fall through to the plain reason
            }
        }
        return "storage backend '" + type + "' is not installed";
    }

    private void registerSelf(OpenStore store) {
        if (daemon != null) {
            store.nameServer().register(NameServer.OBJECT_ID, daemon.uriFor(NameServer.OBJECT_ID).asString(), false,
                    Set.of(NAMESERVER_CLASS_METADATA, PYRO5_NAMESERVER_CLASS_METADATA));
        }
    }

    /** The daemon came or moved: the held store's entry gets its URI; a failure is logged, the store stays. */
    private void registerSelfQuietly() {
        if (held == null) {
            return;
        }
        try {
            registerSelf(held);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot register " + NameServer.OBJECT_ID + " in " + held.description() + ": "
                    + oneLine(e));
        }
    }

    private void startCleaner(OpenStore store) {
        store.startCleaner(cleanInterval, probeTimeout);
    }

    private void publish() {
        Serving now = serving;
        status = now instanceof Serving.Up up
                ? new Status(State.UP, up.store().description() + (switchNote.isEmpty() ? "" : "; " + switchNote))
                : new Status(State.UNAVAILABLE, ((Serving.Unavailable) now).reason());
        if (statusRegistration != null) {
            statusRegistration.update(status.state(), status.detail(), null);
        } else if (active && context != null && status.state() == State.UP) {
            registerStatus(); // up before the framework finished starting
        }
    }

    // ---- configuration checks ------------------------------------------------------------------------------

    /** The autoclean interval, checked as Pyro4 checks it; zero when off (0 or negative, as in Pyro4). */
    static Duration cleanInterval(double seconds) {
        PyroRules.checkAutoclean(seconds);
        return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : Duration.ZERO;
    }

    /** Pyro4: {@code config.COMMTIMEOUT or 5}. */
    static Duration probeTimeout(double commTimeout) {
        return PyroRules.autocleanCheckTimeout(PyroRules.commTimeout(commTimeout));
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String escapeFilter(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    // ---- what tests and status output see ----------------------------------------------------------------

    /** The name server's status, as its {@link PartStatus} says. */
    Status status() {
        return status;
    }

    /** The running autocleaner, or null when autoclean is off or no store serves. */
    AutoCleaner cleaner() {
        return serving instanceof Serving.Up up ? up.store().cleaner() : null;
    }

    /** What the store is, for status output ({@code memory}, {@code sql:/var/ns.sqlite}); null when unavailable. */
    String storageDescription() {
        return serving instanceof Serving.Up up ? up.store().description() : null;
    }

    // ---- the name server, routed to the current store -------------------------------------------------------

    /** Runs a read on the serving store, counted on it so that a switch closes it only after the read ended. */
    private <T> T read(Function<StoredNameServer, T> call) {
        while (true) {
            Serving now = serving;
            if (!(now instanceof Serving.Up up)) {
                throw unavailableError(now);
            }
            OpenStore store = up.store();
            store.beginRead();
            try {
                if (serving != now) {
                    continue; // switched between the two reads: use the new store
                }
                return call.apply(store.nameServer());
            } finally {
                store.endRead();
            }
        }
    }

    /** Runs a write on the serving store; a switch waits for it, and it waits for a switch's copy. */
    private <T> T write(Function<StoredNameServer, T> call) {
        writeGate.readLock().lock();
        try {
            Serving now = serving;
            if (!(now instanceof Serving.Up up)) {
                throw unavailableError(now);
            }
            return call.apply(up.store().nameServer());
        } finally {
            writeGate.readLock().unlock();
        }
    }

    private static NamingError unavailableError(Serving now) {
        return new NamingError("name server unavailable: " + ((Serving.Unavailable) now).reason());
    }

    @Override
    public int count() {
        return read(StoredNameServer::count);
    }

    @Override
    public PyroURI lookup(String name) {
        return read(ns -> ns.lookup(name));
    }

    @Override
    public Registration lookupRegistration(String name) {
        return read(ns -> ns.lookupRegistration(name));
    }

    @Override
    public void register(String name, String uri, boolean safe, Collection<String> metadata) {
        write(ns -> {
            ns.register(name, uri, safe, metadata);
            return null;
        });
    }

    @Override
    public void setMetadata(String name, Collection<String> metadata) {
        write(ns -> {
            ns.setMetadata(name, metadata);
            return null;
        });
    }

    @Override
    public int remove(String name, String prefix, String regex) {
        return write(ns -> ns.remove(name, prefix, regex));
    }

    @Override
    public List<Registration> list(String prefix, String regex,
                                   Collection<String> metadataAll, Collection<String> metadataAny) {
        return read(ns -> ns.list(prefix, regex, metadataAll, metadataAny));
    }

    @Override
    public List<Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny) {
        return read(ns -> ns.yplookup(metadataAll, metadataAny));
    }

    /** Answers only while a store serves: a ping that succeeds promises that the next call can too. */
    @Override
    public void ping() {
        read(ns -> {
            ns.ping();
            return null;
        });
    }

    @Override
    public ExposedMembers members() {
        return dispatch.members();
    }

    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) {
        return dispatch.invoke(method, args, kwargs);
    }

    /** Pyro5 clients get Pyro5's name server API ({@link NameServerDispatch}). */
    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs, PyroProtocol protocol) {
        return dispatch.invoke(method, args, kwargs, protocol);
    }

    /** Quick only where the store answers without I/O, and never while a switch copies names. */
    @Override
    public boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
        return !switching && serving instanceof Serving.Up up
                && NameServerDispatch.isQuick(method, args, kwargs, up.store().storage());
    }
}
