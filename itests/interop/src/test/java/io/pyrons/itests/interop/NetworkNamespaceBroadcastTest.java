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
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, finding the name server across a real network: the name server runs in one network namespace, the
 * clients in another, joined by a veth pair ({@link NetworkNamespacePair}); no client is told where the server
 * is. Pyro4's {@code locateNS()}, a {@code PYRONAME:} proxy, {@code pyro4-nsc} and our {@code pyro-nsc} must
 * all find it by UDP broadcast. Each test runs against pyro4-ns first (the oracle, which proves the test) and
 * pyrons. Needs root (CI runs as root) and iproute2: without them the test fails saying so.
 *
 * <p>Issue 15, Pyro5 clients find pyrons the same way: Pyrolite 5's {@code locateNS(null)}, our
 * {@code pyro-nsc --protocol 5}, and, with a Pyro5 checkout in {@code PYRO5_SOURCES} (skipped, saying so, without
 * it), Python Pyro5's {@code locate_ns()} and a {@code PYRONAME:} proxy. Against pyrons only: pyro4-ns answers the
 * broadcast (it is the same {@code GET_NSURI}) but refuses every Pyro5 connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkNamespaceBroadcastTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    /** Ports inside the server's own namespace: nothing else can hold them, so Pyro4's defaults are used. */
    private static final String NS_PORT = "9090";

    private NetworkNamespacePair network;
    private Python python;
    private Path pyroNsc;

    @BeforeAll
    void createNetwork() {
        python = Python.locate();
        pyroNsc = requirePyroNsc();
        network = NetworkNamespacePair.create();
    }

    @AfterAll
    void removeNetwork() {
        if (network != null) {
            network.close();
            assertEquals(List.of(), network.remaining(), "network namespaces left behind");
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void clientsOnTheOtherHostFindTheNameServerByBroadcast(ServerKind kind) {
        String nsUri = "PYRO:Pyro.NameServer@" + network.serverAddress() + ":" + NS_PORT;
        withServer(kind, network.serverAddress(), List.of(), server -> {
            assertEquals(nsUri, server.uri(), server.output());
            assertTrue(server.stdoutLines().contains("Broadcast server running on 0.0.0.0:9091"), server.output());

            String out = pythonClient("raw", "locate", "serve", "pyroname");
            // the object's URI (group 1, its port group 2), then the address the PYRONAME proxy called: the same port
            String object = "PYRO:obj_[0-9a-f]+@" + Pattern.quote(network.clientAddress()) + ":(\\d+)";
            String expected = Pattern.quote("[[\"raw\", [\"" + nsUri + "\", \"" + network.serverAddress() + "\"]], "
                    + "[\"locate\", \"" + nsUri + "\"], [\"serve\", \"") + "(" + object + ")"
                    + Pattern.quote("\"], [\"pyroname\", [\"echo: hello\", \"" + network.clientAddress() + ":") + "\\2"
                    + Pattern.quote("\"]]]");
            assertTrue(out.matches(expected), "Pyro4 client in the other namespace answered\n" + out
                    + "\nexpected to match\n" + expected + "\n" + server.output());
            String served = out.replaceAll(expected, "$1");

            ProcessResult ping = pyro4Nsc("ping");
            assertEquals("Name server ping ok.", ping.stdout().strip(), ping.describe() + "\n" + server.output());
            ProcessResult list = pyro4Nsc("list");
            assertTrue(list.stdout().contains("Pyro.NameServer --> " + nsUri + "\n")
                    && list.stdout().contains("itest.echo --> " + served + "\n"), list.describe());
            assertPyroNscPrintsTheSame("ping", "list");
        });
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void anAllInterfacesServerAnswersWithTheAddressThatFacesTheClient(ServerKind kind) {
        withServer(kind, "", List.of(), server -> {
            assertEquals("PYRO:Pyro.NameServer@0.0.0.0:" + NS_PORT, server.uri(), server.output());
            assertTrue(server.stdoutLines().contains("Broadcast server running on 0.0.0.0:9091"), server.output());

            String facing = "PYRO:Pyro.NameServer@" + network.serverAddress() + ":" + NS_PORT;
            assertEquals("[[\"raw\", [\"" + facing + "\", \"" + network.serverAddress() + "\"]], [\"locate\", \"" + facing + "\"]]",
                    pythonClient("raw", "locate"), server.output());
            ProcessResult ping = pyro4Nsc("ping");
            assertEquals("Name server ping ok.", ping.stdout().strip(), ping.describe() + "\n" + server.output());
            assertPyroNscPrintsTheSame("ping");
        });
    }

    /** The negative control: the lookups above succeed through the broadcast server and no other way. */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void withoutTheBroadcastServerNoClientFindsTheNameServer(ServerKind kind) {
        withServer(kind, network.serverAddress(), List.of("-x"), server -> {
            assertTrue(server.stdoutLines().stream().noneMatch(line -> line.startsWith("Broadcast server running")),
                    server.output());
            assertEquals("[[\"raw\", \"no answer\"], [\"locate\", \"NamingError: Failed to locate the nameserver\"]]",
                    pythonClient("raw", "locate"), server.output());
            ProcessResult ping = pyro4Nsc("ping");
            assertEquals("Error: Failed to locate the nameserver", ping.stdout().strip(), ping.describe());
            assertPyroNscPrintsTheSame("ping");
        });
    }

    /**
     * Pyrolite 5 ({@link Pyrolite5Locate}, a program of its own in the client namespace) locates pyrons by
     * broadcast and calls it over Pyro5, registering a name; {@code pyro-nsc --protocol 5} finds it by broadcast
     * too and sees that name, as does Pyro4's nsc.
     */
    @Test
    void pyro5JavaClientsOnTheOtherHostFindPyronsByBroadcast() {
        String nsUri = "PYRO:Pyro.NameServer@" + network.serverAddress() + ":" + NS_PORT;
        String registered = "PYRO:p5j@" + network.clientAddress() + ":4005";
        withServer(ServerKind.PYRONS, network.serverAddress(), List.of(), server -> {
            ProcessResult pyrolite = inClientNamespace(pyrolite5Command(network.clientAddress()));
            assertEquals(List.of(
                    "located " + network.serverAddress() + ":" + NS_PORT,
                    "ping",
                    "lookup Pyro.NameServer " + nsUri,
                    "lookup itest.pyrolite5 " + registered),
                    pyrolite.stdout().strip().lines().toList(), pyrolite.describe() + "\n" + server.output());
            assertEquals(0, pyrolite.exitCode(), pyrolite.describe());

            ProcessResult ping = pyroNsc5("ping");
            assertEquals("Name server ping ok.", ping.stdout().strip(), ping.describe() + "\n" + server.output());
            ProcessResult lookup = pyroNsc5("lookup", "itest.pyrolite5");
            assertEquals(registered, lookup.stdout().strip(), lookup.describe());
            ProcessResult list = pyroNsc5("list");
            assertTrue(list.stdout().contains("Pyro.NameServer --> " + nsUri + "\n")
                    && list.stdout().contains("itest.pyrolite5 --> " + registered + "\n"), list.describe());
            // Pyro5 metadata is a set, and Pyro5's nsc prints it as one: {'a', 'b'} where Pyro4's prints ['a', 'b']
            List<String> asPyro4 = list.stdout().lines()
                    .map(line -> line.replaceFirst("^(    metadata: )\\{(.*)\\}$", "$1[$2]")).toList();
            ProcessResult pyro4 = pyro4Nsc("list");
            assertEquals(lines(pyro4.stdout()), lines(String.join("\n", asPyro4)), "pyro-nsc --protocol 5 list vs "
                    + "pyro4-nsc list\n" + pyro4.describe() + "\n" + list.describe());
        });
    }

    /**
     * Real Python Pyro5 clients ({@code ns_broadcast5.py}): {@code locate_ns()} without a host, a Pyro5 daemon in
     * the client namespace registering its object, and a {@code PYRONAME:} proxy (which locates by broadcast again)
     * calling that object; Pyro4's nsc sees the Pyro5 registration.
     */
    @Test
    void realPyro5ClientsOnTheOtherHostFindPyronsByBroadcast() {
        Path sources = Pyro5InteropTest.pyro5Sources();
        String nsUri = "PYRO:Pyro.NameServer@" + network.serverAddress() + ":" + NS_PORT;
        withServer(ServerKind.PYRONS, network.serverAddress(), List.of(), server -> {
            Path script = Path.of(System.getProperty("python.scripts", "src/test/python"), "ns_broadcast5.py")
                    .toAbsolutePath();
            ProcessResult result = Commands.run(NetworkNamespacePair.inNamespace(network.clientNamespace(),
                    List.of(python.interpreter(), script.toString(), network.clientAddress(), "locate", "serve", "pyroname")),
                    Map.of("PYTHONUNBUFFERED", "1", "PYRO5_SOURCES", sources.toString()), null, CLIENT_TIMEOUT);
            assertEquals(0, result.exitCode(), result.describe());
            String out = result.stdout().strip();
            String object = "PYRO:obj_[0-9a-f]+@" + Pattern.quote(network.clientAddress()) + ":(\\d+)";
            String expected = Pattern.quote("[[\"locate\", \"" + nsUri + "\"], [\"serve\", \"") + "(" + object + ")"
                    + Pattern.quote("\"], [\"pyroname\", [\"echo: hello\", \"" + network.clientAddress() + ":") + "\\2"
                    + Pattern.quote("\"]]]");
            assertTrue(out.matches(expected), "Pyro5 client in the other namespace answered\n" + out
                    + "\nexpected to match\n" + expected + "\n" + result.stderr() + "\n" + server.output());
            String served = out.replaceAll(expected, "$1");
            ProcessResult list = pyro4Nsc("list");
            assertTrue(list.stdout().contains("itest.echo5 --> " + served + "\n"), list.describe());
        });
    }

    /** The negative control of the two tests above: with {@code -x}, no Pyro5 client finds pyrons. */
    @Test
    void withoutTheBroadcastServerNoPyro5ClientFindsPyrons() {
        withServer(ServerKind.PYRONS, network.serverAddress(), List.of("-x"), server -> {
            ProcessResult pyrolite = inClientNamespace(pyrolite5Command(network.clientAddress()));
            List<String> out = pyrolite.stdout().strip().lines().toList();
            // no answer in 3 s, then Pyrolite tries localhost:9090, where nothing listens in the client namespace
            assertTrue(pyrolite.exitCode() == 1 && out.size() == 1 && out.get(0).startsWith("error "),
                    pyrolite.describe());
            ProcessResult ping = pyroNsc5("ping");
            assertEquals("Error: Failed to locate the nameserver", ping.stdout().strip(), ping.describe());
        });
    }

    /** Pyrolite5Locate run by the JVM running this test, with Pyrolite 5's jars and the test classes only. */
    private static List<String> pyrolite5Command(String objectHost) {
        Path jars = Path.of(System.getProperty("pyrolite5.jars", "target/pyrolite5")).toAbsolutePath();
        if (!Files.isDirectory(jars)) {
            throw new AssertionError("Pyrolite 5 jars not found at " + jars + " (the pom's maven-dependency-plugin "
                    + "copies net.razorvine:pyrolite:5.1 there at generate-test-resources)");
        }
        String testClasses;
        try {
            testClasses = Path.of(Pyrolite5Locate.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jars + "/*" + java.io.File.pathSeparator + testClasses,
                Pyrolite5Locate.class.getName(), objectHost);
    }

    /** Our pyro-nsc in Pyro5 mode in the client namespace, without -n: it must find the server by broadcast. */
    private ProcessResult pyroNsc5(String... arguments) {
        var command = new ArrayList<>(List.of(pyroNsc.toString(), "--protocol", "5"));
        command.addAll(List.of(arguments));
        return inClientNamespace(command);
    }

    /**
     * Runs {@code test} against {@code kind} started in the server namespace with {@code -n host -p 9090}, then
     * stops it by its PID and checks that no process is left in that namespace.
     */
    private void withServer(ServerKind kind, String host, List<String> extraOptions, Consumer<NamespacedNameServer> test) {
        var options = new ArrayList<>(List.of("-n", host, "-p", NS_PORT));
        options.addAll(extraOptions);
        NamespacedNameServer server = NamespacedNameServer.start(network.serverNamespace(), kind, options);
        try {
            // ip netns exec execs the server: stopping the PID we started must stop the server itself
            String executable = server.handle().info().command().orElse("?");
            assertFalse(executable.endsWith("/ip"), "PID " + server.handle().pid() + " is still " + executable);
            test.accept(server);
        } finally {
            server.close();
        }
        ProcessResult pids = Commands.run(List.of("ip", "netns", "pids", network.serverNamespace()), Map.of(), null,
                CLIENT_TIMEOUT);
        assertEquals("", pids.stdout().strip(), "processes left in the server namespace after stopping "
                + kind + " (PID " + server.handle().pid() + ")\n" + pids.describe());
    }

    /** Pyro4's own nsc in the client namespace, without -n: it must find the server by broadcast. */
    private ProcessResult pyro4Nsc(String... arguments) {
        var command = new ArrayList<>(List.of(python.interpreter(), "-m", "Pyro4.nsc"));
        command.addAll(List.of(arguments));
        return inClientNamespace(command);
    }

    /** Our pyro-nsc, run with the same commands as pyro4-nsc in the client namespace, prints the same lines. */
    private void assertPyroNscPrintsTheSame(String... commands) {
        for (String command : commands) {
            ProcessResult expected = pyro4Nsc(command);
            ProcessResult actual = inClientNamespace(List.of(pyroNsc.toString(), command));
            assertEquals(expected.exitCode(), actual.exitCode(), "exit code of pyro-nsc " + command
                    + "\n" + expected.describe() + "\n" + actual.describe());
            Transcripts.assertSameLines("pyro-nsc " + command + " vs pyro4-nsc " + command,
                    lines(expected.stdout()), lines(actual.stdout()));
        }
    }

    private String pythonClient(String... steps) {
        Path script = Path.of(System.getProperty("python.scripts", "src/test/python"), "ns_broadcast.py").toAbsolutePath();
        var command = new ArrayList<>(List.of(python.interpreter(), script.toString(), network.clientAddress()));
        command.addAll(List.of(steps));
        ProcessResult result = inClientNamespace(command);
        assertEquals(0, result.exitCode(), result.describe());
        return result.stdout().strip();
    }

    private ProcessResult inClientNamespace(List<String> command) {
        return Commands.run(NetworkNamespacePair.inNamespace(network.clientNamespace(), command),
                Map.of("PYTHONUNBUFFERED", "1"), null, CLIENT_TIMEOUT);
    }

    private static List<String> lines(String text) {
        return text.lines().map(Transcripts::sortMetadataList).toList();
    }

    /** runtime/bin/pyro-nsc, with its classpath built: a missing one would make the script start a Maven build. */
    private static Path requirePyroNsc() {
        Path runtime = ServerKind.requireJar().getParent().getParent();
        Path script = runtime.resolve("bin/pyro-nsc");
        Path client = runtime.resolve("target/nsc/io.pyrons.client.jar");
        if (!Files.isExecutable(script) || !Files.isRegularFile(client)) {
            throw new AssertionError("pyro-nsc not ready: need " + script + " and " + client
                    + " (build the runtime module: mvn -pl runtime install)");
        }
        return script;
    }
}
