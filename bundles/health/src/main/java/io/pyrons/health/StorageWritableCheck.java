package io.pyrons.health;

import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Whether the store the name server serves takes writes now: runs the name server's own probe (its MBean
 * operation {@code checkStorageWritable}, reached as the {@code jmx.objectname} service, so that no second path to
 * the store exists), which writes and syncs a probe beside a store file. A store in memory is always writable.
 */
final class StorageWritableCheck implements HealthCheck {
    static final String NAME_SERVER_MBEAN = "io.pyrons:type=NameServer";
    private final ServiceTracker<DynamicMBean, DynamicMBean> nameServer;

    StorageWritableCheck(BundleContext context) throws InvalidSyntaxException {
        nameServer = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + DynamicMBean.class.getName()
                + ")(jmx.objectname=" + NAME_SERVER_MBEAN + "))"), null);
        nameServer.open();
    }

    @Override
    public Result execute() {
        DynamicMBean mbean = nameServer.getService();
        if (mbean == null) {
            return new Result(Result.Status.CRITICAL, "storage: no name server running");
        }
        try {
            Object description = mbean.invoke("checkStorageWritable", new Object[0], new String[0]);
            return new Result(Result.Status.OK, "storage writable: " + description);
        } catch (MBeanException | ReflectionException | RuntimeMBeanException e) {
            // what the JMX layer wraps: the probe's own exception is inside
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Result(Result.Status.CRITICAL, "storage: " + message(cause));
        } catch (JMException | RuntimeException e) {
            return new Result(Result.Status.CRITICAL, "storage: " + message(e));
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    void close() {
        nameServer.close();
    }
}
