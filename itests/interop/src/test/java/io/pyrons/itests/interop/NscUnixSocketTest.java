package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: pyrons's own {@code pyro-nsc -u PATH} and the real {@code pyro4-nsc -u PATH} (its code, run as
 * {@code python3 -m Pyro4.nsc}) against pyrons started with {@code -u PATH} print the same lines, exit status
 * included. The session ends where it began, so both tools run it against one server.
 */
class NscUnixSocketTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final List<List<String>> SESSION = List.of(
            List.of("ping"),
            List.of("list"),
            List.of("register", "unix.one", "PYRO:one@localhost:3001"),
            List.of("register", "unix.two", "PYRO:two@./u:/tmp/other.sock"),
            List.of("register", "unix.one", "PYRO:again@localhost:3002"),
            List.of("lookup", "unix.one"),
            List.of("lookup", "unix.two"),
            List.of("lookup", "Pyro.NameServer"),
            List.of("lookup", "no.such.name"),
            List.of("list", "unix."),
            List.of("remove", "unix.one"),
            List.of("remove", "unix.two"),
            List.of("list"),
            List.of("ping"));

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    void pyroNscPrintsWhatPyro4NscPrints() {
        Path socket = dir.resolve("ns.sock");
        Path pyroNsc = pyroNsc();
        try (ConfiguredNameServer server = ConfiguredNameServer.start(ServerKind.PYRONS, List.of("-u", socket.toString()),
                Map.of(), Pattern.compile("^URI = PYRO:Pyro\\.NameServer@\\./u:" + Pattern.quote(socket.toString()) + "$"))) {
            List<String> expected = session(socket, arguments -> python.runModule("Pyro4.nsc", arguments, null, COMMAND_TIMEOUT));
            String whole = String.join("\n", expected);
            for (String line : List.of("Name server ping ok.", "Registered unix.one",
                    "Error: NamingError - name already registered: unix.one", "PYRO:two@./u:/tmp/other.sock",
                    "Pyro.NameServer --> PYRO:Pyro.NameServer@./u:" + socket, "Removed unix.two")) {
                assertTrue(whole.contains(line), "pyro4-nsc session lacks '" + line + "':\n" + whole + "\n" + server.output());
            }
            List<String> actual = session(socket, arguments -> {
                var command = new ArrayList<>(List.of(pyroNsc.toString()));
                command.addAll(arguments);
                return Commands.run(command, Map.of(), null, COMMAND_TIMEOUT);
            });
            Transcripts.assertSameLines("nsc -u session (pyro4-nsc vs pyro-nsc)", expected, actual);
        }
    }

    private interface Nsc {
        ProcessResult run(List<String> arguments);
    }

    private static List<String> session(Path socket, Nsc nsc) {
        var lines = new ArrayList<String>();
        for (List<String> step : SESSION) {
            var arguments = new ArrayList<>(List.of("-u", socket.toString()));
            arguments.addAll(step);
            ProcessResult result = nsc.run(arguments);
            lines.add("$ nsc " + String.join(" ", step) + " -> exit " + result.exitCode());
            result.stdout().lines().map(Transcripts::sortMetadataList).forEach(lines::add);
            result.stderr().lines().map(l -> "stderr: " + l).forEach(lines::add);
        }
        return lines;
    }

    /**
     * runtime/bin/pyro-nsc beside the runtime jar. Its classes must be built already: the script would otherwise
     * start a Maven build of its own, which a test must never do.
     */
    static Path pyroNsc() {
        Path runtime = ServerKind.requireJar().getParent().getParent();
        Path script = runtime.resolve("bin").resolve("pyro-nsc");
        Path client = runtime.resolve("target").resolve("nsc").resolve("io.pyrons.client.jar");
        if (!Files.isExecutable(script) || !Files.isRegularFile(client)) {
            throw new AssertionError("pyro-nsc not ready: need " + script + " and " + client + " (build the runtime module)");
        }
        return script;
    }

    /** {@code pyro-nsc -n HOST -p PORT COMMAND...}, bounded by 60 s. */
    static ProcessResult pyroNsc(String host, int port, String... command) {
        var arguments = new ArrayList<>(List.of(pyroNsc().toString(), "-n", host, "-p", Integer.toString(port)));
        arguments.addAll(List.of(command));
        return Commands.run(arguments, Map.of(), null, Duration.ofSeconds(60));
    }
}
