package io.pyrons.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clients an installed name server is tried with: real Pyro4 4.82 (src/test/python/dist_client.py, run by the
 * system's python3, which has Debian's python3-pyro4) and the distribution's own pyro-nsc.
 */
final class Clients {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PYTHON = "/usr/bin/python3";

    private Clients() {
    }

    /** Registers {@code names} through Pyro4's locateNS() proxy. */
    static void pyro4Register(int port, String... names) {
        Shell.Result result = pyro4(port, "register", names);
        assertEquals("registered " + names.length, result.stdout().strip(), result.output());
    }

    /**
     * Pyro4's view of the name server: each name resolved as {@code PYRONAME:}, then every registration under
     * {@code dist.} with its metadata; one line each, as dist_client.py prints them.
     */
    static List<String> pyro4Show(int port, String... names) {
        return pyro4(port, "show", names).stdout().strip().lines().toList();
    }

    private static Shell.Result pyro4(int port, String action, String... names) {
        Path script = Path.of(System.getProperty("python.scripts", "src/test/python"), "dist_client.py")
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(script), "Pyro4 client script not found: " + script);
        var command = new ArrayList<>(List.of(python(), script.toString(), "127.0.0.1", Integer.toString(port),
                action));
        command.addAll(List.of(names));
        Shell.Result result = Shell.run(command, Map.of("PYTHONUNBUFFERED", "1"), null, TIMEOUT);
        assertEquals(0, result.exitCode(), result.output());
        return result;
    }

    private static String python() {
        Shell.Result probe = Shell.run(List.of(PYTHON, "-c", "import Pyro4; print(Pyro4.__version__)"), Map.of(),
                null, TIMEOUT);
        if (probe.exitCode() != 0) {
            throw new AssertionError(PYTHON + " cannot import Pyro4: install python3-pyro4\n" + probe.output());
        }
        return PYTHON;
    }

    /** Runs the distribution's pyro-nsc (by the path given, e.g. a symbolic link) against 127.0.0.1:port. */
    static Shell.Result nsc(Path pyroNsc, Map<String, String> environment, int port, String... arguments) {
        var command = new ArrayList<>(List.of(pyroNsc.toString(), "-n", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(arguments));
        return Shell.run(command, environment, null, TIMEOUT);
    }

    /**
     * The exchange every installed form must pass: names registered by Pyro4 and by pyro-nsc, each seen by the
     * other (pyro-nsc list, Pyro4's PYRONAME resolution and list with metadata).
     */
    static void exchangeNames(Path pyroNsc, Map<String, String> environment, int port) {
        pyro4Register(port, "dist.a", "dist.b");
        Shell.Result registered = nsc(pyroNsc, environment, port, "register", "dist.nsc", "PYRO:nsc@localhost:4712");
        assertEquals(0, registered.exitCode(), registered.output());
        Shell.Result listed = nsc(pyroNsc, environment, port, "list", "dist.");
        assertEquals(0, listed.exitCode(), listed.output());
        for (String line : List.of("dist.a --> PYRO:dist.a@localhost:4711", "dist.b --> PYRO:dist.b@localhost:4711",
                "dist.nsc --> PYRO:nsc@localhost:4712")) {
            assertTrue(listed.stdout().lines().anyMatch(l -> l.strip().equals(line)), line + "\n" + listed.output());
        }
        assertEquals(List.of(
                "resolved dist.a PYRO:dist.a@localhost:4711",
                "resolved dist.nsc PYRO:nsc@localhost:4712",
                "listed dist.a PYRO:dist.a@localhost:4711 [dist,tag:dist.a]",
                "listed dist.b PYRO:dist.b@localhost:4711 [dist,tag:dist.b]",
                "listed dist.nsc PYRO:nsc@localhost:4712 []"), pyro4Show(port, "dist.a", "dist.nsc"));
    }
}
