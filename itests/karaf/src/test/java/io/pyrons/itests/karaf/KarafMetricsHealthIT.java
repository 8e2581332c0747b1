package io.pyrons.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Issue 14 in a real Karaf 4.4: the daemon's figures land in Karaf's own MBean server (its management feature's
 * Aries JMX whiteboard registers our jmx.objectname services) and count a real Pyro4 client's call; the health
 * checks of feature pyrons-health answer a real Pyro4 client through Pyrons.Health; ns:status shows the figures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafMetricsHealthIT {
    private static final String PYTHON = "/usr/bin/python3";

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return KarafOptions.options();
    }

    @Test
    public void figuresInKarafsMBeanServerAndHealthOverPyro() throws Exception {
        PyronsChecks.requirePyro4();
        KarafShell shell = new KarafShell(sessionFactory);
        shell.ok("feature:repo-add " + System.getProperty("pyrons.features"));
        shell.ok("feature:install pyrons pyrons-shell pyrons-health");
        int port = new PyronsChecks(shell).awaitNameServer("memory");

        MBeanServer mbeans = context.getService(context.getServiceReference(MBeanServer.class));
        ObjectName daemon = new ObjectName("io.pyrons:type=Daemon");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!mbeans.isRegistered(daemon) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue("io.pyrons:type=Daemon in Karaf's MBean server", mbeans.isRegistered(daemon));
        assertTrue(mbeans.isRegistered(new ObjectName("io.pyrons:type=NameServer")));
        long registersBefore = count(mbeans, daemon, "register");

        PyronsChecks.pyro4(port, "karaf.metrics=PYRO:m@127.0.0.1:7009");
        assertEquals("the Pyro4 client's register", registersBefore + 1, count(mbeans, daemon, "register"));
        assertTrue((Long) mbeans.getAttribute(daemon, "LatencyCount") > 0);
        assertEquals(2, mbeans.getAttribute(new ObjectName("io.pyrons:type=NameServer"), "NamesStored"));

        String script = "import sys, Pyro4\n"
                + "checks = Pyro4.Proxy('PYRO:Pyrons.Health@127.0.0.1:' + sys.argv[1]).check()\n"
                + "for c in checks: print(c['name'], c['status'])\n";
        Processes.Result health = Processes.run(List.of(PYTHON, "-c", script, String.valueOf(port)), new File("."),
                Map.of("PYRO_SERIALIZER", "serpent"), 60);
        assertEquals(health.output(), 0, health.exitCode());
        assertEquals("""
                pyrons-daemon OK
                pyrons-nameserver OK
                pyrons-storage OK
                pyrons-broadcast OK
                """, PyronsChecks.lines(health.output()));

        String status = shell.ok("ns:status");
        assertTrue(status, status.contains("requests:") && status.contains("latency (µs):"));
    }

    private static long count(MBeanServer mbeans, ObjectName daemon, String method) throws Exception {
        for (Object row : ((TabularData) mbeans.getAttribute(daemon, "RequestsByMethod")).values()) {
            CompositeData entry = (CompositeData) row;
            if (method.equals(entry.get("key"))) {
                return (Long) entry.get("value");
            }
        }
        return 0;
    }
}
