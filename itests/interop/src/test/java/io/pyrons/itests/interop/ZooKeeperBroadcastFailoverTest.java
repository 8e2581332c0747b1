package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16: a Pyro4 client that finds its name server by broadcast keeps working when the pyrons instance that
 * answered dies. The "server host" is one network namespace of a {@link NetworkNamespacePair}: a three-server
 * ZooKeeper ensemble on its loopback and two pyrons instances on one namespace ({@code zk:}), on its veth address
 * with ports 9090 and 9092 and both with the broadcast responder on the default 0.0.0.0:9091 (SO_REUSEADDR: both
 * get every broadcast). The client, real Pyro4 with its default settings ({@code ns_cluster.py failover}), runs
 * in the other namespace: it locates, registers, calls through {@code PYRONAME:}; the test SIGKILLs (by PID) the
 * instance that answered; the client's next {@code locateNS()} must find the other one, which must have everything.
 * Needs root and iproute2 (as NetworkNamespaceBroadcastTest): without them it fails saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperBroadcastFailoverTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LOCATED = Pattern.compile("^LOCATED (\\S+)$");
    private static final Pattern RELOCATED = Pattern.compile("^RELOCATED (\\S+) ([0-9.]+)$");
    private static final int NAMES = 200;

    private NetworkNamespacePair network;
    private ZooKeeperEnsemble zookeeper;
    private Python python;

    @BeforeAll
    void createNetwork() throws Exception {
        python = Python.locate();
        network = NetworkNamespacePair.create();
        zookeeper = ZooKeeperEnsemble.startInNamespace(network.serverNamespace(), "failover");
    }

    @AfterAll
    void removeNetwork() {
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (network != null) {
            network.close();
            assertEquals(List.of(), network.remaining(), "network namespaces left behind");
        }
    }

    @Test
    void aClientThatLocatesByBroadcastFindsTheOtherInstanceAfterTheOneThatAnsweredIsKilled() {
        String storage = "zk:" + zookeeper.connectString() + "/failover";
        List<NamespacedNameServer> servers = new ArrayList<>();
        ManagedProcess client = null;
        try {
            for (String port : List.of("9090", "9092")) {
                servers.add(NamespacedNameServer.start(network.serverNamespace(), ServerKind.PYRONS,
                        List.of("-n", network.serverAddress(), "-p", port, "-s", storage)));
            }
            for (NamespacedNameServer server : servers) {
                assertTrue(server.stdoutLines().contains("Broadcast server running on 0.0.0.0:9091"), server.output());
            }
            Path script = Path.of(System.getProperty("python.scripts", "src/test/python"), "ns_cluster.py")
                    .toAbsolutePath();
            List<String> command = NetworkNamespacePair.inNamespace(network.clientNamespace(), List.of(
                    python.interpreter(), script.toString(), "failover", network.clientAddress(),
                    String.valueOf(NAMES)));
            ManagedProcess pyro4 = ManagedProcess.start("pyro4 client", command, Map.of("PYTHONUNBUFFERED", "1"));
            client = pyro4;
            String located = pyro4.awaitStdoutLine(command, LOCATED, "'LOCATED' line", CLIENT_TIMEOUT).group(1);
            String answers = pyro4.stdoutLines().stream().filter(line -> line.startsWith("ANSWERS ")).findFirst()
                    .orElse("");
            // both instances on one host answered one broadcast: Pyro4 took the first
            assertEquals("ANSWERS [\"" + servers.get(0).uri() + "\", \"" + servers.get(1).uri() + "\"]", answers,
                    pyro4.output());
            NamespacedNameServer answered = servers.stream().filter(s -> s.uri().equals(located)).findFirst()
                    .orElseThrow(() -> new AssertionError("located " + located + ", no instance of ours"));
            NamespacedNameServer other = servers.get(1 - servers.indexOf(answered));
            answered.kill();
            pyro4.send("killed\n");
            assertTrue(pyro4.awaitExit(CLIENT_TIMEOUT), "the client did not finish\n" + pyro4.output());
            assertEquals(0, pyro4.exitCode(), pyro4.output() + "\n" + other.output());
            assertFalse(String.join("\n", pyro4.stdoutLines()).contains("FAIL"), pyro4.output());
            Matcher relocated = pyro4.stdoutLines().stream().map(RELOCATED::matcher).filter(Matcher::matches)
                    .findFirst().orElseThrow(() -> new AssertionError("no RELOCATED line\n" + pyro4.output()));
            assertEquals(other.uri(), relocated.group(1), pyro4.output());
            assertNotEquals(located, relocated.group(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (client != null) {
                client.stop();
            }
            servers.forEach(NamespacedNameServer::close);
        }
    }
}
