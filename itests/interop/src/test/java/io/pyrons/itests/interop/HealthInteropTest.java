package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: {@code pyro-nsc health} says healthy or not by its exit status (0 / 1, one line why), unlike
 * {@code pyro-nsc ping}, which keeps pyro4-nsc's status 0 whatever happens; and the storage health check follows a
 * store whose file system really cannot take writes. Running as root, permissions would not stop a write, so the
 * store lives on a small tmpfs mounted in a mount namespace the test creates ({@code unshare --mount}, private
 * propagation: nothing shows outside it), which the test fills with a file and empties again.
 */
class HealthInteropTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@(.+):(\\d+)$");
    private static final String ALL_HEALTHY =
            "healthy: pyrons-daemon OK, pyrons-nameserver OK, pyrons-storage OK, pyrons-broadcast OK";

    @TempDir
    Path dir;

    @Test
    void healthExitsZeroWhenHealthyAndOneWhenTheNameServerIsUnreachable() {
        int port;
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            port = pyrons.port();
            ProcessResult health = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "health");
            assertEquals(0, health.exitCode(), health::describe);
            assertEquals(ALL_HEALTHY + "\n", health.stdout(), health::describe);
        }
        ProcessResult health = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "health");
        assertEquals(1, health.exitCode(), health::describe);
        assertTrue(health.stdout().startsWith("unhealthy: cannot reach the name server: "), health::describe);
        assertEquals(1, health.stdout().lines().count(), health::describe);
        ProcessResult ping = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "ping");
        assertEquals(0, ping.exitCode(), () -> "ping keeps pyro4-nsc's exit status: " + ping.describe());
        assertTrue(ping.stdout().startsWith("Error: "), ping::describe);
    }

    @Test
    void healthOfAPyro4NameServerIsItsPing() {
        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS)) {
            ProcessResult health = NscUnixSocketTest.pyroNsc(pyro4.host(), pyro4.port(), "health");
            assertEquals(0, health.exitCode(), health::describe);
            assertEquals("healthy: the name server answers ping (it has no health checks)\n", health.stdout(),
                    health::describe);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sql", "dbm"})
    void storageOnAFullFileSystemIsUnhealthyUntilThereIsRoomAgain(String type) throws IOException {
        Path mount = Files.createDirectory(dir.resolve("mnt"));
        Path store = mount.resolve("names." + type);
        Path filler = mount.resolve("filler");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", "mount -t tmpfs -o size=4m pyrons-health-test \"$0\" && exec \"$@\"", mount.toString()));
        command.addAll(ServerKind.PYRONS.commandWith(List.of("-n", "127.0.0.1", "-p", "0", "-x", "-s",
                type + ":" + store)));
        ManagedProcess server = ManagedProcess.start("pyrons on tmpfs", command, ServerKind.PYRONS.environment());
        try {
            Matcher uri = server.awaitStdoutLine(command, URI_LINE, "'URI = ' line", NameServerProcess.STARTUP_TIMEOUT);
            int port = Integer.parseInt(uri.group(2));
            String pid = Long.toString(server.pid());

            ProcessResult healthy = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "health");
            assertEquals(0, healthy.exitCode(), () -> healthy.describe() + server.output());
            assertEquals(ALL_HEALTHY + "\n", healthy.stdout(), healthy::describe);

            // fill the namespace's tmpfs: dd ends with "No space left on device"
            inMountNamespace(pid, "dd if=/dev/zero of=" + filler + " bs=64k 2>/dev/null; test -s " + filler);
            ProcessResult full = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "health");
            assertEquals(1, full.exitCode(), () -> full.describe() + server.output());
            assertTrue(full.stdout().startsWith("unhealthy: pyrons-storage CRITICAL: storage: " + type + ":" + store
                    + " is not writable: No space left on device"), full::describe);
            assertEquals(1, full.stdout().lines().count(), full::describe);
            ProcessResult refused = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "register", "health.full", "PYRO:x@localhost:1");
            assertTrue(refused.stdout().startsWith("Error: "), () -> "a write on the full disk fails: " + refused.describe());

            inMountNamespace(pid, "rm " + filler);
            ProcessResult again = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "health");
            assertEquals(0, again.exitCode(), () -> again.describe() + server.output());
            assertEquals(ALL_HEALTHY + "\n", again.stdout(), again::describe);
            ProcessResult registered = NscUnixSocketTest.pyroNsc("127.0.0.1", port, "register", "health.room", "PYRO:x@localhost:1");
            assertEquals("Registered health.room\n", registered.stdout(), registered::describe);
        } finally {
            server.stop();
        }
        assertTrue(Files.list(mount).findAny().isEmpty(), "the tmpfs was only mounted in the test's namespace");
    }

    /** Runs {@code script} in the mount namespace of process {@code pid}; it must succeed. */
    private static void inMountNamespace(String pid, String script) {
        ProcessResult result = Commands.run(List.of("nsenter", "-t", pid, "-m", "--", "sh", "-c", script), Map.of(),
                null, COMMAND_TIMEOUT);
        assertEquals(0, result.exitCode(), result::describe);
    }
}
