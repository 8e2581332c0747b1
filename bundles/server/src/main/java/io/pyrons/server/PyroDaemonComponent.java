package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
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
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.api.status.PartStatus;
import io.pyrons.api.status.PartStatusRegistration;

/**
 * The Pyro daemon as a DS component (PID {@value DaemonConfiguration#PID}). It serves every service that carries
 * {@value PyroObject#OBJECT_ID} under that id, speaks every installed {@link Serializer} the configuration accepts,
 * and once listening registers a {@link PyroDaemon} service so objects can learn their URIs. Serializers and
 * objects come and go without a restart. Its {@link PartStatus} ({@value PartStatus#DAEMON}) is up, with the location,
 * while it listens; a port that is taken makes it unavailable with one line saying so.
 */
@Component(configurationPid = DaemonConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = DaemonConfiguration.class)
public class PyroDaemonComponent {
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    private final Daemon daemon;
    private final BundleContext context;
    private ServiceRegistration<PyroDaemon> registration;
    private ServiceTracker<Object, Served> objects;
    private PartStatusRegistration status;

    @Activate
    public PyroDaemonComponent(DaemonConfiguration config, BundleContext context) {
        this.daemon = new Daemon(DaemonSettings.from(config));
        this.context = context;
    }

    /** Runs after the dynamic references are bound, so the first client already finds every object. */
    @Activate
    void start() throws IOException, InvalidSyntaxException {
        // A DS reference is bound to one interface; the whiteboard serves services of any interface that carry
        // the object id property, so it tracks them by filter alone.
        objects = new ServiceTracker<>(context, context.createFilter("(" + PyroObject.OBJECT_ID + "=*)"), new ObjectTracker());
        objects.open(true);
        try {
            daemon.start();
        } catch (IOException e) {
            LOG.log(Level.INFO, "pyrons daemon not started: " + e.getMessage()); // the status says it
            objects.close();
            daemon.close();
            status = PartStatusRegistration.register(context, PartStatus.DAEMON, PartStatus.State.UNAVAILABLE,
                    e.getMessage(), null);
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("pyrons.daemon.location", daemon.location());
        registration = context.registerService(PyroDaemon.class, daemon, props);
        status = PartStatusRegistration.register(context, PartStatus.DAEMON, PartStatus.State.UP, "", daemon.location());
    }

    @Deactivate
    void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
        objects.close();
        daemon.close();
        if (status != null) {
            status.unregister(); // after the close: followers see the daemon gone once its sockets are
        }
    }

    @Reference(service = Serializer.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSerializer(Serializer serializer) {
        daemon.addSerializer(serializer);
        LOG.log(Level.DEBUG, () -> "serializer installed: " + serializer.name() + " (" + serializer.id() + ")");
    }

    void removeSerializer(Serializer serializer) {
        daemon.removeSerializer(serializer);
    }


    /** A served service and the id it is served under. */
    private record Served(String id, Object service) {
    }

    /** Serves each tracked service under its object id for as long as it is registered. */
    private final class ObjectTracker implements ServiceTrackerCustomizer<Object, Served> {
        @Override
        public Served addingService(ServiceReference<Object> reference) {
            Object service = context.getService(reference);
            if (service == null) {
                return null;
            }
            Served served = new Served(String.valueOf(reference.getProperty(PyroObject.OBJECT_ID)), service);
            daemon.addObject(served.id(), served.service());
            return served;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Served served) {
            String id = String.valueOf(reference.getProperty(PyroObject.OBJECT_ID));
            if (!id.equals(served.id())) {
                daemon.removeObject(served.id(), served.service());
                daemon.addObject(id, served.service());
            }
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Served served) {
            daemon.removeObject(served.id(), served.service());
            context.ungetService(reference);
        }
    }
}
