package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Hashtable;

import javax.management.DynamicMBean;
import javax.management.StandardMBean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
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
 * and once listening registers a {@link PyroDaemon} service (property {@value #LOCATION}) so objects can learn
 * their URIs. Serializers and objects come and go without a restart; a new configuration applies in place
 * ({@link Modified}), keeping connections, unless the socket must change, and even then the PyroDaemon service
 * stays the same registration with a new location. Its {@link PartStatus} ({@value PartStatus#DAEMON}) says
 * whether it listens, and if not, why (a port in use): activation does not fail for that.
 */
@Component(configurationPid = DaemonConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = DaemonConfiguration.class)
public class PyroDaemonComponent {
    /** The daemon's figures as an MBean service: the JMX whiteboard (Karaf's, the launcher's) registers it by this name. */
    static final String METRICS_OBJECT_NAME = "io.pyrons:type=Daemon";
    /** Service property of the PyroDaemon service: its {@link PyroDaemon#location()}. */
    static final String LOCATION = "pyrons.daemon.location";
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    private final Daemon daemon;
    private final BundleContext context;
    private ServiceRegistration<PyroDaemon> registration;
    private PartStatusRegistration status;
    private ServiceRegistration<DynamicMBean> metrics;
    private ServiceTracker<Object, Served> objects;

    @Activate
    public PyroDaemonComponent(DaemonConfiguration config, BundleContext context) {
        this.daemon = new Daemon(DaemonSettings.from(config));
        this.context = context;
    }

    /** Runs after the dynamic references are bound, so the first client already finds every object. */
    @Activate
    synchronized void start() throws InvalidSyntaxException {
        // A DS reference is bound to one interface; the whiteboard serves services of any interface that carry
        // the object id property, so it tracks them by filter alone.
        objects = new ServiceTracker<>(context, context.createFilter("(" + PyroObject.OBJECT_ID + "=*)"), new ObjectTracker());
        objects.open(true);
        metrics = registerMetrics();
        try {
            daemon.start();
            published();
        } catch (IOException e) {
            unavailable(e);
        }
    }

    /** A new configuration: applied in place, or on a new socket when the address or TLS changed. */
    @Modified
    synchronized void modified(DaemonConfiguration config) {
        DaemonSettings settings;
        try {
            settings = DaemonSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "pyrons daemon configuration refused, the previous one stays: " + e.getMessage());
            return;
        }
        try {
            daemon.update(settings);
            published();
        } catch (IOException e) {
            unavailable(e);
        }
    }

    /** Listening: one PyroDaemon service, whose location property follows the socket. */
    private void published() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(LOCATION, daemon.location());
        if (registration == null) {
            registration = context.registerService(PyroDaemon.class, daemon, props);
        } else {
            registration.setProperties(props);
        }
        status(PartStatus.State.UP, "", daemon.location());
    }

    /** Not listening: no PyroDaemon service, and the status says why. */
    private void unavailable(IOException e) {
        LOG.log(Level.ERROR, "pyrons daemon not started: " + e.getMessage());
        unregister();
        status(PartStatus.State.UNAVAILABLE, e.getMessage(), null);
    }

    /** Registers the status the first time, so that followers never see a state before the first real one. */
    private void status(PartStatus.State state, String detail, String location) {
        if (status == null) {
            status = PartStatusRegistration.register(context, PartStatus.DAEMON, state, detail, location);
        } else {
            status.update(state, detail, location);
        }
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    /**
     * The figures as a service with {@code jmx.objectname}, the JMX whiteboard convention (Aries JMX whiteboard in
     * Karaf, the launcher in the standalone runtime): the MBean server it lands in is the container's business.
     */
    private ServiceRegistration<DynamicMBean> registerMetrics() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jmx.objectname", METRICS_OBJECT_NAME);
        return context.registerService(DynamicMBean.class,
                new StandardMBean(daemon.metrics(), DaemonMetricsMXBean.class, true), props);
    }

    @Deactivate
    synchronized void stop() {
        unregister();
        try {
            metrics.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        if (status != null) {
            status.unregister();
        }
        objects.close();
        daemon.close();
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
