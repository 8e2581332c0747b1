package io.pyrons.launcher;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The JMX whiteboard of the standalone runtime: every service with a {@value #OBJECT_NAME} property (the convention
 * of Aries JMX whiteboard, which Karaf's {@code management} feature runs) is registered in the JVM's platform MBean
 * server under that name while the service lives, so jconsole, {@code jcmd}'s agent and JMX exporters see the parts'
 * figures. In Karaf the launcher is not installed and Aries does the same job.
 */
@Component(immediate = true, service = {})
public class PlatformMBeans {
    static final String OBJECT_NAME = "jmx.objectname";
    private static final Logger LOG = System.getLogger("io.pyrons.launcher");

    private final ServiceTracker<Object, ObjectName> tracker;

    @Activate
    public PlatformMBeans(BundleContext context) throws InvalidSyntaxException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        tracker = new ServiceTracker<>(context, context.createFilter("(" + OBJECT_NAME + "=*)"),
                new ServiceTrackerCustomizer<>() {
                    @Override
                    public ObjectName addingService(ServiceReference<Object> reference) {
                        Object mbean = context.getService(reference);
                        if (mbean == null) {
                            return null;
                        }
                        try {
                            ObjectName name = new ObjectName(String.valueOf(reference.getProperty(OBJECT_NAME)));
                            return server.registerMBean(mbean, name).getObjectName();
                        } catch (JMException | RuntimeException e) {
                            LOG.log(Level.WARNING, "MBean " + reference.getProperty(OBJECT_NAME)
                                    + " not registered: " + e);
                            context.ungetService(reference);
                            return null;
                        }
                    }

                    @Override
                    public void modifiedService(ServiceReference<Object> reference, ObjectName name) {
                        // the name is fixed for the service's life
                    }

                    @Override
                    public void removedService(ServiceReference<Object> reference, ObjectName name) {
                        try {
                            server.unregisterMBean(name);
                        } catch (JMException e) {
                            // gone already
                        }
                        context.ungetService(reference);
                    }
                });
        tracker.open(true);
    }

    @Deactivate
    void stop() {
        tracker.close();
    }
}
