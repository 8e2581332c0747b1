package io.pyrons.launcher;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.pyrons.api.storage.StorageProvider;

/**
 * Install = enable in the standalone runtime, as the storage features do it in Karaf (issue 17). pyrons.jar holds
 * the sql and dbm storage bundles, started with the runtime so that {@code pyro-ns -s sql:FILE} works as pyro4-ns;
 * those offer no store, so without {@code -s} the name server runs on memory as pyro4-ns does. A storage provider
 * the operator brings in is offered a store instead: one whose bundle is installed after the runtime's own (Gogo's
 * {@code felix:install} and {@code felix:start}), or one from a jar in the {@link DeployDirectory}. (The bundles of
 * pyrons.jar are all installed before the framework starts; its start levels are then still being raised, so the
 * framework's state cannot tell the runtime's bundles from the operator's.)
 * The offer is what a Karaf storage feature's configuration says: {@code default.location} in the provider's
 * configuration (PID = its {@code component.name}), here {@code <pyrons.data>/pyrons-names.<type>}; the name server
 * then switches to it when no {@code storage} is set (an explicit {@code -s} always wins there), moving its names.
 * A location already configured is kept. The data directory is the system property {@value #DATA_PROPERTY}, else
 * the working directory.
 */
@Component(immediate = true, service = {})
public class StorageOffer {
    static final String DATA_PROPERTY = "pyrons.data";
    /** The provider configuration property the name server reads (see the naming bundle's StorageBackends). */
    static final String DEFAULT_LOCATION = "default.location";
    static final long SCAN_MILLIS = 1_000;
    private static final Logger LOG = System.getLogger("io.pyrons.launcher");
    private static final String PROVIDERS = "(" + Constants.OBJECTCLASS + "=" + StorageProvider.class.getName() + ")";

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final Path dataDirectory;
    /** The bundles of the runtime itself: installed before this component was activated. */
    private final Set<Long> runtimeBundles = new HashSet<>();
    private final Set<Long> fromDeployDirectory = ConcurrentHashMap.newKeySet();
    private final ServiceListener listener = this::serviceChanged;
    /** Writes configurations off the framework's event threads, in the order of the events. */
    private final ScheduledExecutorService worker;
    private final DeployDirectory deploy;

    @Activate
    public StorageOffer(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        for (Bundle bundle : context.getBundles()) {
            runtimeBundles.add(bundle.getBundleId());
        }
        String data = context.getProperty(DATA_PROPERTY);
        this.dataDirectory = Path.of(data == null || data.isBlank() ? System.getProperty("user.dir") : data)
                .toAbsolutePath().normalize();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pyrons deploy directory");
            thread.setDaemon(true);
            return thread;
        });
        try {
            context.addServiceListener(listener, PROVIDERS);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        String deployProperty = context.getProperty(DeployDirectory.PROPERTY);
        if (deployProperty == null || deployProperty.isBlank()) {
            deploy = null;
            return;
        }
        deploy = new DeployDirectory(context, Path.of(deployProperty).toAbsolutePath().normalize(),
                fromDeployDirectory::add);
        deploy.scan(true);
        // a held bundle already active (the sql bundle inside pyrons.jar, its jar dropped in) registers nothing new
        offerExisting();
        worker.scheduleWithFixedDelay(this::scan, SCAN_MILLIS, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            context.removeServiceListener(listener);
        } catch (IllegalStateException e) {
            // the bundle is stopping: the listener goes with it
        }
    }

    private void scan() {
        try {
            deploy.scan(false);
            offerExisting();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "deploy directory " + deploy.directory() + ": " + e);
        }
    }

    private void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.REGISTERED) {
            return;
        }
        ServiceReference<?> provider = event.getServiceReference();
        Bundle bundle = provider.getBundle();
        if (bundle == null) {
            return;
        }
        if (!runtimeBundles.contains(bundle.getBundleId()) || fromDeployDirectory.contains(bundle.getBundleId())) {
            worker.execute(() -> offer(provider));
        }
    }

    /** The providers of bundles deployed from the directory that have not been offered a store yet. */
    private void offerExisting() {
        Set<Long> deployed = deploy.bundleIds();
        fromDeployDirectory.retainAll(deployed);
        try {
            ServiceReference<?>[] providers = context.getServiceReferences((String) null, PROVIDERS);
            for (ServiceReference<?> provider : providers == null ? new ServiceReference<?>[0] : providers) {
                Bundle bundle = provider.getBundle();
                if (bundle != null && deployed.contains(bundle.getBundleId())) {
                    offer(provider);
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // stopping
        }
    }

    /** Writes {@code default.location} into the provider's configuration unless it has one. */
    private void offer(ServiceReference<?> provider) {
        Object type = provider.getProperty(StorageProvider.TYPE);
        Object pid = provider.getProperty("component.name");
        if (!(type instanceof String t) || !(pid instanceof String p) || provider.getProperty(DEFAULT_LOCATION) != null) {
            return; // not a single-type DS component, or it offers a store already
        }
        try {
            Configuration configuration = configurationAdmin.getConfiguration(p, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null && properties.get(DEFAULT_LOCATION) != null) {
                return;
            }
            Dictionary<String, Object> offered = properties == null ? new Hashtable<>() : properties;
            String location = dataDirectory.resolve("pyrons-names." + t).toString();
            offered.put(DEFAULT_LOCATION, location);
            configuration.update(offered);
            LOG.log(Level.INFO, "storage backend '" + t + "' installed: it offers " + t + ":" + location
                    + " (used when no storage is set)");
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.ERROR, "cannot offer a store for storage backend '" + t + "': " + e.getMessage());
        }
    }
}
