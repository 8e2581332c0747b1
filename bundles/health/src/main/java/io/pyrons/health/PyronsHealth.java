package io.pyrons.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import io.pyrons.api.expose.Expose;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.status.PartStatus;

/**
 * pyrons' Felix Health Checks, tagged {@value #TAG}: {@code pyrons-daemon} (listening), {@code pyrons-nameserver}
 * (serving from its configured backend), {@code pyrons-storage} (the store takes writes) and
 * {@code pyrons-broadcast} (the responder bound, or off by configuration), and {@code pyrons-PART} for each other
 * part that publishes a {@link PartStatus} while it does ({@code pyrons-cluster}: the ZooKeeper connection).
 * Felix's executor, servlet and JMX (healthcheck.core) run them like any other; this component also serves the
 * verdict of every check tagged {@value #TAG} to Pyro clients as the object {@value #OBJECT_ID} (what
 * {@code pyro-nsc health} calls).
 */
@Component(immediate = true, service = {})
public class PyronsHealth {
    static final String TAG = "pyrons";
    static final String OBJECT_ID = "Pyrons.Health";

    /** One check and its service. */
    private record Check(String name, HealthCheck check, ServiceRegistration<HealthCheck> registration) {
    }

    private final List<Check> checks = new ArrayList<>();
    private final PartHealthCheck daemon;
    private final PartHealthCheck nameServer;
    private final PartHealthCheck broadcast;
    private final StorageWritableCheck storage;
    private final ServiceRegistration<?> served;
    /** Every health check tagged pyrons, ours and other parts'. */
    private final ServiceTracker<HealthCheck, HealthCheck> tagged;
    /** The status of each part beyond the fixed three (a cluster connection), with the check that follows it. */
    private final ServiceTracker<PartStatus, Check> otherParts;

    @Activate
    public PyronsHealth(BundleContext context) throws InvalidSyntaxException {
        daemon = new PartHealthCheck(context, PartStatus.DAEMON, "daemon");
        nameServer = new PartHealthCheck(context, PartStatus.NAME_SERVER, "name server");
        storage = new StorageWritableCheck(context);
        broadcast = new PartHealthCheck(context, PartStatus.BROADCAST, "broadcast responder");
        add(context, "pyrons-daemon", daemon);
        add(context, "pyrons-nameserver", nameServer);
        add(context, "pyrons-storage", storage);
        add(context, "pyrons-broadcast", broadcast);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PyroObject.OBJECT_ID, OBJECT_ID);
        tagged = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + HealthCheck.class.getName()
                + ")(" + HealthCheck.TAGS + "=" + TAG + "))"), null);
        tagged.open();
        otherParts = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + PartStatus.class.getName()
                + ")(" + PartStatus.PART + "=*)(!(|(" + PartStatus.PART + "=" + PartStatus.DAEMON + ")("
                + PartStatus.PART + "=" + PartStatus.NAME_SERVER + ")(" + PartStatus.PART + "=" + PartStatus.BROADCAST
                + "))))"), new OtherPart(context));
        otherParts.open();
        served = context.registerService(Object.class, new Served(), props);
    }

    /**
     * A check {@code pyrons-PART} for each part that publishes a status beyond the fixed three (the ZooKeeper
     * store's {@code cluster}), for as long as it does: healthy while up, critical while unavailable.
     */
    private static final class OtherPart implements ServiceTrackerCustomizer<PartStatus, Check> {
        private final BundleContext context;

        OtherPart(BundleContext context) {
            this.context = context;
        }

        @Override
        public Check addingService(ServiceReference<PartStatus> reference) {
            String part = String.valueOf(reference.getProperty(PartStatus.PART));
            try {
                PartHealthCheck check = new PartHealthCheck(context, part, part);
                return new Check("pyrons-" + part, check, register(context, "pyrons-" + part, check));
            } catch (InvalidSyntaxException e) {
                return null; // a part name that no filter can hold: no check for it
            }
        }

        @Override
        public void modifiedService(ServiceReference<PartStatus> reference, Check check) {
            // the check reads the status when it runs
        }

        @Override
        public void removedService(ServiceReference<PartStatus> reference, Check check) {
            check.registration().unregister();
            ((PartHealthCheck) check.check()).close();
        }
    }

    private void add(BundleContext context, String name, HealthCheck check) {
        checks.add(new Check(name, check, register(context, name, check)));
    }

    private static ServiceRegistration<HealthCheck> register(BundleContext context, String name, HealthCheck check) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HealthCheck.NAME, name);
        props.put(HealthCheck.TAGS, new String[] {TAG});
        return context.registerService(HealthCheck.class, check, props);
    }

    /**
     * The verdict now of every check tagged {@value #TAG} (these four first, then any other part's, such as a
     * cluster connection's), in the order they were registered.
     */
    List<Map<String, Object>> results() {
        ServiceReference<HealthCheck>[] references = tagged.getServiceReferences();
        List<ServiceReference<HealthCheck>> ordered = references == null ? List.of() : new ArrayList<>(List.of(references));
        ordered.sort(Comparator.comparingLong(r -> (Long) r.getProperty(Constants.SERVICE_ID)));
        List<Map<String, Object>> results = new ArrayList<>();
        for (ServiceReference<HealthCheck> reference : ordered) {
            HealthCheck check = tagged.getService(reference);
            if (check == null) {
                continue; // gone meanwhile
            }
            String name = String.valueOf(reference.getProperty(HealthCheck.NAME));
            Result result;
            try {
                result = check.execute();
            } catch (RuntimeException e) {
                result = new Result(Result.Status.HEALTH_CHECK_ERROR, name + " failed: " + e);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("status", result.getStatus().name());
            row.put("message", message(result));
            results.add(row);
        }
        return results;
    }

    private static String message(Result result) {
        StringBuilder text = new StringBuilder();
        result.forEach(entry -> text.append(text.length() == 0 ? "" : "; ").append(entry.getMessage()));
        return text.toString();
    }

    /** What Pyro clients may call. */
    @Expose
    public final class Served {
        /** Each check as {@code {"name", "status" (Felix's Result.Status), "message"}}. */
        public List<Map<String, Object>> check() {
            return results();
        }
    }

    @Deactivate
    void stop() {
        served.unregister();
        otherParts.close();
        tagged.close();
        for (Check c : checks) {
            c.registration().unregister();
        }
        daemon.close();
        nameServer.close();
        broadcast.close();
        storage.close();
    }
}
