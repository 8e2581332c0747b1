package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16: two {@code pyrons.jar} instances share one namespace on a real three-server ZooKeeper 3.9 ensemble
 * ({@link ZooKeeperEnsemble}), driven by real Pyro4 clients ({@code ns_cluster.py}). Each test uses its own
 * chroot, so the instances of one test never see another's names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperClusterTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    private ZooKeeperEnsemble zookeeper;
    private Python python;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    void startEnsemble() throws Exception {
        python = Python.locate();
        zookeeper = ZooKeeperEnsemble.start("cluster");
    }

    @AfterAll
    void stopEnsemble() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    /** Stops this test's name servers and brings back every ZooKeeper server a test killed. */
    @AfterEach
    void restore() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
        started.clear();
        boolean restarted = false;
        for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
            if (zookeeper.mode(i).equals("down")) {
                zookeeper.startServer(i);
                restarted = true;
            }
        }
        if (restarted) {
            zookeeper.awaitQuorum();
        }
    }

    private NameServerProcess pyrons(String chroot) {
        NameServerProcess server = NameServerProcess.start(ServerKind.PYRONS, "-s",
                "zk:" + zookeeper.connectString() + chroot);
        started.add(server);
        return server;
    }

    private static String address(NameServerProcess server) {
        return "127.0.0.1:" + server.port();
    }

    private ProcessResult client(String... arguments) {
        return python.run("ns_cluster.py", List.of(arguments), Map.of(), CLIENT_TIMEOUT);
    }

    /** {@code pyro-nsc health} against {@code server} until it exits with {@code status} (bounded: 20 s). */
    private static ProcessResult awaitHealth(NameServerProcess server, int status) throws InterruptedException {
        ProcessResult health = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            health = NscUnixSocketTest.pyroNsc(server.host(), server.port(), "health");
            if (health.exitCode() == status) {
                return health;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("pyro-nsc health never exited " + status + ": " + health.describe());
    }

    private static void assertPassed(ProcessResult result, NameServerProcess... servers) {
        StringBuilder logs = new StringBuilder();
        for (NameServerProcess server : servers) {
            logs.append('\n').append(server.output());
        }
        assertEquals(0, result.exitCode(), result.describe() + logs);
        assertFalse(result.stdout().contains("FAIL"), result.describe());
    }

    @Test
    void namesRegisteredThroughOneInstanceAreServedByTheOther() {
        NameServerProcess a = pyrons("/cross");
        NameServerProcess b = pyrons("/cross");
        assertPassed(client("cross", address(a), address(b)), a, b);
    }

    @Test
    void ofTwoSafeRegistersRacingThroughTwoInstancesExactlyOneWins() {
        NameServerProcess a = pyrons("/race");
        NameServerProcess b = pyrons("/race");
        ProcessResult result = client("race", address(a), address(b), "150");
        assertPassed(result, a, b);
        assertTrue(result.stdout().contains("PASS 150 rounds"), result.describe());
    }

    @Test
    void aZooKeeperServerKilledWhileRegisteringLosesNothingAcknowledged() throws Exception {
        NameServerProcess a = pyrons("/kill");
        NameServerProcess b = pyrons("/kill");
        Path out = Files.createTempFile(zookeeper.directory(), "writer-a", ".out");
        Path outB = Files.createTempFile(zookeeper.directory(), "writer-b", ".out");
        Process writerA = python.start("ns_cluster.py", List.of("writer", address(a), "a", "2", "8"), out,
                Files.createTempFile(zookeeper.directory(), "writer-a", ".err"));
        Process writerB = python.start("ns_cluster.py", List.of("writer", address(b), "b", "2", "8"), outB,
                Files.createTempFile(zookeeper.directory(), "writer-b", ".err"));
        try {
            TimeUnit.SECONDS.sleep(2);
            int leader = leader();
            zookeeper.kill(leader); // the leader: the others must elect a new one while writes go on
            assertTrue(writerA.waitFor(60, TimeUnit.SECONDS) && writerB.waitFor(60, TimeUnit.SECONDS),
                    "the writers did not finish");
        } finally {
            writerA.destroyForcibly();
            writerB.destroyForcibly();
        }
        Set<String> acknowledged = new TreeSet<>();
        int late = 0;
        for (Path file : List.of(out, outB)) {
            for (String line : Files.readAllLines(file)) {
                // a write the election outlasted (5 s) may fail, but only clearly
                assertTrue(line.startsWith("ACK ") || line.matches("ERR [0-9.]+ \\S+ NamingError: storage unavailable: .*"),
                        line);
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ", 3);
                    acknowledged.add(parts[2]);
                    if (Double.parseDouble(parts[1]) > 5.0) {
                        late++;
                    }
                }
            }
        }
        assertTrue(acknowledged.size() > 20, "too few registrations acknowledged: " + acknowledged.size());
        assertTrue(late > 0, "no write was acknowledged after the leader was killed\n" + Files.readString(out));
        for (NameServerProcess server : List.of(a, b)) {
            Set<String> names = dumpUntilContains(server, acknowledged);
            Set<String> missing = new TreeSet<>(acknowledged);
            missing.removeAll(names);
            assertTrue(missing.isEmpty(), "acknowledged but missing on " + address(server) + ": " + missing);
        }
        assertEquals(dump(a), dump(b), "the two instances answer different namespaces");
    }

    @Test
    void withoutQuorumReadsAreServedAndWritesFailClearlyAndFast() throws Exception {
        NameServerProcess a = pyrons("/quorum");
        NameServerProcess b = pyrons("/quorum");
        ProcessResult before = client("probe", address(a), "Pyro.NameServer");
        assertTrue(before.stdout().contains("\"write\": \"ok\""), before.describe());
        ProcessResult healthy = NscUnixSocketTest.pyroNsc(a.host(), a.port(), "health");
        assertEquals(0, healthy.exitCode(), healthy::describe);
        assertTrue(healthy.stdout().contains("pyrons-cluster OK"), healthy::describe);
        zookeeper.kill(0);
        zookeeper.kill(1);
        TimeUnit.MILLISECONDS.sleep(500);
        ProcessResult unhealthy = awaitHealth(a, 1);
        assertTrue(unhealthy.stdout().startsWith("unhealthy: pyrons-cluster CRITICAL: cluster unavailable"),
                unhealthy::describe);
        for (NameServerProcess server : List.of(a, b)) {
            ProcessResult during = client("probe", address(server), "Pyro.NameServer");
            String json = during.stdout();
            assertTrue(json.contains("\"write\": \"NamingError: storage unavailable: "), during.describe());
            double seconds = Double.parseDouble(json.replaceAll("(?s).*\"write_seconds\": ([0-9.e-]+).*", "$1"));
            // the write waits for a connection for operation.timeout (5 s), then fails
            assertTrue(seconds < 7.0, "the refused write took " + seconds + " s");
            assertTrue(json.contains("\"lookup\": \"PYRO:Pyro.NameServer@127.0.0.1:" + server.port() + "\""),
                    during.describe());
            assertTrue(json.matches("(?s).*\"list\": [0-9]+.*"), during.describe());
        }
        zookeeper.startServer(0);
        zookeeper.startServer(1);
        zookeeper.awaitQuorum();
        ProcessResult after = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            after = client("probe", address(b), "Pyro.NameServer");
            if (after.stdout().contains("\"write\": \"ok\"")) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        assertTrue(after.stdout().contains("\"write\": \"ok\""), "writes did not come back: " + after.describe());
        assertTrue(awaitHealth(b, 0).stdout().contains("pyrons-cluster OK"));
        // what B wrote after the quorum came back is served by A too
        Set<String> onB = dump(b);
        assertEquals(onB, dumpUntilContains(a, onB));
    }

    @Test
    void aKilledInstanceLeavesEverythingItRegisteredWithTheOthers() throws Exception {
        NameServerProcess a = pyrons("/nskill");
        NameServerProcess b = pyrons("/nskill");
        ProcessResult written = python.run("ns_cluster.py", List.of("writer", address(a), "k", "2", "2"), Map.of(),
                CLIENT_TIMEOUT);
        Set<String> acknowledged = new TreeSet<>();
        for (String line : written.stdout().split("\n")) {
            if (line.startsWith("ACK ")) {
                acknowledged.add(line.split(" ", 3)[2]);
            }
        }
        assertTrue(acknowledged.size() > 10, written.describe());
        a.kill();
        assertEquals(acknowledged, dumpUntilContains(b, acknowledged));
        ProcessResult probe = client("probe", address(b), acknowledged.iterator().next());
        assertTrue(probe.stdout().contains("\"write\": \"ok\""), probe.describe());
        assertTrue(probe.stdout().contains("\"lookup\": \"PYRO:"), probe.describe());
    }

    @Test
    void anInstanceWhoseSessionExpiredCatchesUpWithEverythingItMissed() throws Exception {
        NameServerProcess a = pyrons("/expiry");
        NameServerProcess b = pyrons("/expiry");
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ops.add("[\"register\", \"x." + i + "\", \"PYRO:x" + i + "@localhost:1\", []]");
        }
        runOps(a, ops);
        Set<String> before = dump(a);
        assertEquals(before, dumpUntilContains(b, before));
        signal(b, "STOP"); // b hears nothing; its session expires after the session timeout (10 s)
        try {
            ops.clear();
            for (int i = 0; i < 10; i++) {
                ops.add("[\"remove\", \"x." + i + "\"]");
                ops.add("[\"register\", \"y." + i + "\", \"PYRO:y" + i + "@localhost:2\", []]");
            }
            ops.add("[\"register\", \"x.10\", \"PYRO:changed@localhost:3\", []]");
            runOps(a, ops);
            TimeUnit.SECONDS.sleep(13);
        } finally {
            signal(b, "CONT");
        }
        Set<String> after = dump(a);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> seen = dump(b);
        while (!seen.equals(after) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            seen = dump(b);
        }
        assertEquals(after, seen, "b after its new session");
        ProcessResult changed = client("probe", address(b), "x.10");
        assertTrue(changed.stdout().contains("\"lookup\": \"PYRO:changed@localhost:3\""), changed.describe());
        assertTrue(changed.stdout().contains("\"write\": \"ok\""), changed.describe());
    }

    /**
     * 100,000 names: their znode names would make one child list of ~1.4 MB, over ZooKeeper's 1 MB reply limit
     * (jute.maxbuffer), which is why the store spreads them over 256 buckets. Registered through one instance (real
     * Pyro4 batch proxies, 16 at once), then a second instance started on the same chroot reads them all. The full
     * million is in the bench ({@code --only cluster-1m}).
     */
    @Test
    void aSecondInstanceLoadsAHundredThousandNamesFromBucketsThatOneListCouldNotHold() throws Exception {
        int names = 100_000;
        NameServerProcess a = pyrons("/many");
        ProcessResult populated = python.run("ns_cluster.py", List.of("populate", address(a), String.valueOf(names),
                "16"), Map.of(), Duration.ofSeconds(300));
        assertPassed(populated, a);
        long start = System.nanoTime();
        NameServerProcess b = pyrons("/many");
        double ready = (System.nanoTime() - start) / 1e9;
        assertPassed(client("many", address(b), String.valueOf(names)), a, b);
        assertPassed(client("many", address(a), String.valueOf(names)), a, b);

        long total = 0;
        long largest = 0;
        int buckets = 0;
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(zookeeper.connectString(), 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertTrue(connected.await(30, TimeUnit.SECONDS), "no connection to ZooKeeper");
            for (String bucket : zk.getChildren("/many/names", false)) {
                long bytes = 0;
                for (String child : zk.getChildren("/many/names/" + bucket, false)) {
                    bytes += 4 + child.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; // as jute sends it
                }
                total += bytes;
                largest = Math.max(largest, bytes);
                buckets++;
            }
        } finally {
            zk.close();
        }
        assertEquals(256, buckets);
        assertTrue(total > JUTE_MAXBUFFER, "one list of all names would be " + total + " bytes, within the limit");
        assertTrue(largest < JUTE_MAXBUFFER / 10, "the largest bucket lists " + largest + " bytes");
        System.out.printf("%d names populated in %s s; second instance ready in %.1f s; child lists: %,d bytes in all,"
                + " %,d in the largest bucket%n", names, populated.stdout().replaceAll("(?s).*POPULATED ([0-9.]+).*", "$1"),
                ready, total, largest);
    }

    /** ZooKeeper's default limit on one reply (and request), {@code jute.maxbuffer}: 0xfffff bytes. */
    private static final long JUTE_MAXBUFFER = 0xfffff;

    private void runOps(NameServerProcess server, List<String> ops) {
        List<String> arguments = new ArrayList<>(List.of("127.0.0.1:" + server.port(), "ops"));
        arguments.addAll(ops);
        ProcessResult result = python.run("ns_store.py", arguments, Map.of(), CLIENT_TIMEOUT);
        assertEquals(0, result.exitCode(), result.describe());
        assertFalse(result.stdout().contains("Error"), result.describe());
    }

    /** {@code kill -SIGNAL PID}: only the process this test started. */
    private static void signal(NameServerProcess server, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(server.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " failed");
    }

    private int leader() {
        for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
            if (zookeeper.mode(i).equals("leader")) {
                return i;
            }
        }
        throw new AssertionError("no ZooKeeper server leads");
    }

    private Set<String> dump(NameServerProcess server) {
        ProcessResult result = client("dump", address(server));
        assertEquals(0, result.exitCode(), result.describe());
        Set<String> names = new TreeSet<>();
        for (String line : result.stdout().split("\n")) {
            if (!line.isBlank()) {
                names.add(line);
            }
        }
        return names;
    }

    /** The instance's names once they include {@code wanted} (its copy may lag by the watch's delay), at most 10 s. */
    private Set<String> dumpUntilContains(NameServerProcess server, Set<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> names = dump(server);
        while (!names.containsAll(wanted) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            names = dump(server);
        }
        return names;
    }
}
