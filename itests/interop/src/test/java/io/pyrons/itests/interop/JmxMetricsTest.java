package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.Test;

import com.sun.tools.attach.VirtualMachine;

/**
 * Issue 14: the figures a running {@code pyrons.jar} counts, read the way an operator's tool reads them: over JMX,
 * connected through the attach API (as jconsole does with a local process), after real Pyro4 clients made a known
 * amount of traffic, and a Pyro5 client (pyrons' own codec, json: id 3 in Pyro5, 2 in Pyro4) two lookups. Every
 * count is checked, as a difference to the figures read before the traffic.
 */
class JmxMetricsTest {
    private static final ObjectName DAEMON = name("io.pyrons:type=Daemon");
    private static final ObjectName NAME_SERVER = name("io.pyrons:type=NameServer");

    @Test
    void theDaemonMBeanCountsWhatRealPyro4ClientsAndAPyro5ClientDid() throws Exception {
        Python python = Python.locate();
        try (NameServerProcess server = NameServerProcess.start(ServerKind.PYRONS);
             JMXConnector jmx = attach(server.pid())) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            Map<String, Long> methodsBefore = table(mbeans, "RequestsByMethod");
            Map<String, Long> serializersBefore = table(mbeans, "RequestsBySerializer");
            Map<String, Long> protocolsBefore = table(mbeans, "RequestsByProtocol");
            Map<String, Long> errorsBefore = table(mbeans, "ErrorsByKind");
            long accepted = (Long) mbeans.getAttribute(DAEMON, "ConnectionsAccepted");
            long latencies = (Long) mbeans.getAttribute(DAEMON, "LatencyCount");
            long bytesIn = (Long) mbeans.getAttribute(DAEMON, "BytesIn");
            long bytesOut = (Long) mbeans.getAttribute(DAEMON, "BytesOut");

            ProcessResult result = python.run("ns_metrics_traffic.py",
                    List.of(server.host(), Integer.toString(server.port())), Map.of(), Duration.ofSeconds(60));
            assertEquals(0, result.exitCode(), () -> result.describe() + "\n" + server.output());
            try (Pyro5InteropTest.RawPyro5Client pyro5 = Pyro5InteropTest.RawPyro5Client.connect(server.host(), server.port(), "json")) {
                pyro5.call("lookup", "Pyro.NameServer");
                pyro5.call("lookup", "Pyro.NameServer");
                assertEquals(1, openByProtocol(mbeans).get("pyro5"), "the Pyro5 connection, open now");
            }

            Map<String, Long> methods = minus(table(mbeans, "RequestsByMethod"), methodsBefore);
            assertEquals(Map.of("register", 1L, "lookup", 8L, "remove", 1L), methods);
            Map<String, Long> serializers = minus(table(mbeans, "RequestsBySerializer"), serializersBefore);
            assertEquals(Map.of("serpent", 6L, "json", 4L), serializers, "json by name, whichever protocol's id it came as");
            Map<String, Long> protocols = minus(table(mbeans, "RequestsByProtocol"), protocolsBefore);
            assertEquals(Map.of("pyro4", 8L, "pyro5", 2L), protocols);
            assertEquals(Map.of("NamingError", 1L), minus(table(mbeans, "ErrorsByKind"), errorsBefore));
            assertEquals(accepted + 3, (Long) mbeans.getAttribute(DAEMON, "ConnectionsAccepted"), "two proxies, one Pyro5 client");
            long calls = methods.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(latencies + calls, (Long) mbeans.getAttribute(DAEMON, "LatencyCount"));
            double p50 = (Double) mbeans.getAttribute(DAEMON, "LatencyP50Micros");
            double p99 = (Double) mbeans.getAttribute(DAEMON, "LatencyP99Micros");
            double max = (Double) mbeans.getAttribute(DAEMON, "LatencyMaxMicros");
            assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, "p50 " + p50 + " p99 " + p99 + " max " + max);
            assertTrue((Long) mbeans.getAttribute(DAEMON, "BytesIn") > bytesIn + 8 * 24, "bytes in");
            assertTrue((Long) mbeans.getAttribute(DAEMON, "BytesOut") > bytesOut + 8 * 24, "bytes out");
            // the proxies closed their connections; the server sees each close when its I/O thread reads it
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((Integer) mbeans.getAttribute(DAEMON, "ConnectionsOpen") != 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, (Integer) mbeans.getAttribute(DAEMON, "ConnectionsOpen"), "every client closed its connection");
            assertEquals(Map.of("pyro4", 0, "pyro5", 0), openByProtocol(mbeans));
            assertEquals(1, (Integer) mbeans.getAttribute(NAME_SERVER, "NamesStored"), "Pyro.NameServer only");
        }
    }

    private static JMXConnector attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return JMXConnectorFactory.connect(new JMXServiceURL(address));
        } finally {
            vm.detach();
        }
    }

    private static Map<String, Long> table(MBeanServerConnection mbeans, String attribute) throws Exception {
        Map<String, Long> values = new HashMap<>();
        for (Object row : ((TabularData) mbeans.getAttribute(DAEMON, attribute)).values()) {
            CompositeData entry = (CompositeData) row;
            values.put((String) entry.get("key"), (Long) entry.get("value"));
        }
        return values;
    }

    private static Map<String, Integer> openByProtocol(MBeanServerConnection mbeans) throws Exception {
        Map<String, Integer> values = new HashMap<>();
        for (Object row : ((TabularData) mbeans.getAttribute(DAEMON, "ConnectionsOpenByProtocol")).values()) {
            CompositeData entry = (CompositeData) row;
            values.put((String) entry.get("key"), (Integer) entry.get("value"));
        }
        return values;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new HashMap<>();
        after.forEach((key, n) -> {
            long d = n - before.getOrDefault(key, 0L);
            if (d != 0) {
                difference.put(key, d);
            }
        });
        return difference;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
