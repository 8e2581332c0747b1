package io.pyrons.api.status;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A part's own {@link PartStatus} service: registered once, its properties changed in place on every
 * {@link #update}, so followers see one service per part moving from state to state. Thread-safe.
 */
public final class PartStatusRegistration implements PartStatus {
    private final String part;
    private ServiceRegistration<PartStatus> registration;
    private State state;
    private String detail;
    private String location;

    private PartStatusRegistration(String part, State state, String detail, String location) {
        this.part = part;
        this.state = state;
        this.detail = detail == null ? "" : detail;
        this.location = location;
    }

    /** Registers the status of {@code part} in {@code context}. */
    public static PartStatusRegistration register(BundleContext context, String part, State state, String detail,
                                                  String location) {
        PartStatusRegistration status = new PartStatusRegistration(part, state, detail, location);
        synchronized (status) {
            status.registration = context.registerService(PartStatus.class, status, status.properties());
        }
        return status;
    }

    /** Changes the state; followers see a MODIFIED event. Does nothing once {@link #unregister()}ed. */
    public synchronized void update(State newState, String newDetail, String newLocation) {
        state = newState;
        detail = newDetail == null ? "" : newDetail;
        location = newLocation;
        if (registration != null) {
            try {
                registration.setProperties(properties());
            } catch (IllegalStateException e) {
                registration = null; // unregistered with the bundle
            }
        }
    }

    /** Removes the service; safe to call twice or after the bundle stopped. */
    public synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    private Hashtable<String, Object> properties() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PART, part);
        props.put(STATE, state.property());
        props.put(DETAIL, detail);
        if (location != null) {
            props.put(LOCATION, location);
        }
        return props;
    }

    @Override
    public String part() {
        return part;
    }

    @Override
    public synchronized State state() {
        return state;
    }

    @Override
    public synchronized String detail() {
        return detail;
    }

    @Override
    public synchronized String location() {
        return location;
    }

    @Override
    public synchronized String toString() {
        return part + ": " + state.property() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
