package io.pyrons.naming;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.pyrons.api.NameServer;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.status.PartStatus;
import io.pyrons.api.status.PartStatusRegistration;
import io.pyrons.api.storage.StorageProvider;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the {@link NameServerComponent} on the storage backend that {@code storage} names (the part before the
 * colon is the provider's type) and publishes the name server's {@link PartStatus}: up while it serves, unavailable
 * with the reason while the backend is not installed or its store cannot be opened. A backend that comes later is
 * taken when it comes. (Minimal: the naming branch replaces this.)
 */
@Component(immediate = true, configurationPid = NamingConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = NamingConfiguration.class)
public class NameServerStarter {
    private final NamingConfiguration config;
    private final PyroDaemon daemon;
    private final BundleContext context;
    private final Map<String, StorageProvider> providers = new ConcurrentHashMap<>();
    private boolean active;
    private PartStatusRegistration status;
    private NameServerComponent running;
    private StorageProvider runningOn;
    private ServiceRegistration<?> registration;

    @Activate
    public NameServerStarter(NamingConfiguration config, @Reference PyroDaemon daemon, BundleContext context) {
        this.config = config;
        this.daemon = daemon;
        this.context = context;
    }

    /** Registers the status with its first real state: a follower takes an unavailable name server at its word. */
    @Activate
    synchronized void start() {
        active = true;
        startIfPossible();
    }

    @Deactivate
    synchronized void stop() {
        active = false;
        stopRunning();
        if (status != null) {
            status.unregister();
        }
    }

    @Reference(service = StorageProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addStorageProvider(StorageProvider provider) {
        providers.put(provider.type(), provider);
        synchronized (this) {
            startIfPossible();
        }
    }

    void removeStorageProvider(StorageProvider provider) {
        providers.remove(provider.type(), provider);
        synchronized (this) {
            if (runningOn == provider) {
                stopRunning();
                startIfPossible();
            }
        }
    }

    private void startIfPossible() {
        if (!active || running != null) {
            return;
        }
        StorageSetting setting;
        try {
            setting = StorageSetting.parse(config.storage());
        } catch (IllegalArgumentException e) {
            publish(PartStatus.State.UNAVAILABLE, e.getMessage());
            return;
        }
        StorageProvider provider = providers.get(setting.type());
        if (provider == null) {
            publish(PartStatus.State.UNAVAILABLE, "storage backend '" + setting.type() + "' is not installed");
            return;
        }
        try {
            running = new NameServerComponent(config, provider, daemon);
        } catch (RuntimeException e) {
            publish(PartStatus.State.UNAVAILABLE, String.valueOf(e.getMessage()));
            return;
        }
        runningOn = provider;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PyroObject.OBJECT_ID, NameServer.OBJECT_ID);
        props.put("storage", config.storage()); // as the DS component's configuration property was
        registration = context.registerService(new String[]{NameServer.class.getName(), PyroObject.class.getName()},
                running, props);
        publish(PartStatus.State.UP, running.storageDescription());
    }

    private void publish(PartStatus.State state, String detail) {
        if (status == null) {
            status = PartStatusRegistration.register(context, PartStatus.NAME_SERVER, state, detail, null);
        } else {
            status.update(state, detail, null);
        }
    }

    private void stopRunning() {
        if (running == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        running.deactivate();
        running = null;
        runningOn = null;
        registration = null;
    }
}
