package io.pyrons.health;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import io.pyrons.api.status.PartStatus;

/**
 * A part is healthy while its {@link PartStatus} says up (or off, when that is what the configuration asks for:
 * no broadcast responder for a loopback daemon); unavailable, or no status at all (the part is not running), is
 * critical. The PartStatus service is the one source of truth: this check only reads it.
 */
final class PartHealthCheck implements HealthCheck {
    private final String part;
    private final String what;
    private final ServiceTracker<PartStatus, PartStatus> status;

    PartHealthCheck(BundleContext context, String part, String what) throws org.osgi.framework.InvalidSyntaxException {
        this.part = part;
        this.what = what;
        this.status = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + PartStatus.class.getName()
                + ")(" + PartStatus.PART + "=" + part + "))"), null);
        status.open();
    }

    @Override
    public Result execute() {
        PartStatus current = status.getService();
        if (current == null) {
            return new Result(Result.Status.CRITICAL, what + ": not running (no " + part + " status)");
        }
        String detail = current.detail().isEmpty() ? "" : ": " + current.detail();
        return switch (current.state()) {
            case UP -> new Result(Result.Status.OK, what + " up"
                    + (current.location() == null ? "" : " on " + current.location()) + detail);
            case OFF -> new Result(Result.Status.OK, what + " off" + detail);
            case UNAVAILABLE -> new Result(Result.Status.CRITICAL, what + " unavailable" + detail);
        };
    }

    void close() {
        status.close();
    }
}
