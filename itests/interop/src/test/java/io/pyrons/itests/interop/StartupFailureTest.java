package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A start that cannot succeed ends as pyro4-ns's does, with status 1 and nothing on stdout; where pyro4-ns prints
 * a Python traceback, pyrons prints one line, the reason its failing part reported.
 */
class StartupFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aPortInUseEndsTheStartWithOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<String> options = List.of("-n", "127.0.0.1", "-p", Integer.toString(taken.getLocalPort()));
            ProcessResult pyro4 = run(ServerKind.PYRO4_NS, options);
            assertEquals(1, pyro4.exitCode(), pyro4.describe());
            assertEquals("", pyro4.stdout(), pyro4.describe());
            assertTrue(pyro4.stderr().strip().endsWith("OSError: [Errno 98] Address already in use"), pyro4.describe());

            ProcessResult pyrons = run(ServerKind.PYRONS, options);
            assertEquals(1, pyrons.exitCode(), pyrons.describe());
            assertEquals("", pyrons.stdout(), pyrons.describe());
            assertEquals("pyro-ns: error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use\n", pyrons.stderr(), pyrons.describe());
        }
    }

    /**
     * A storage no backend provides, or one without a location: pyro4-ns raises ValueError("invalid storage type
     * '...'"); pyrons prints the name server's reason as one line. The wording is the name server's (a backend that
     * is not installed, a location the backend refuses); the line names the storage type.
     */
    @ParameterizedTest
    @ValueSource(strings = {"foo:bar", "sql:"})
    void storageTheNameServerCannotUseEndsTheStartWithOneLine(String storage) {
        List<String> options = List.of("-n", "127.0.0.1", "-p", "0", "-s", storage);
        ProcessResult pyro4 = run(ServerKind.PYRO4_NS, options);
        assertEquals(1, pyro4.exitCode(), pyro4.describe());
        assertEquals("", pyro4.stdout(), pyro4.describe());
        assertTrue(pyro4.stderr().strip().endsWith("ValueError: invalid storage type '" + storage + "'"), pyro4.describe());

        ProcessResult pyrons = run(ServerKind.PYRONS, options);
        assertEquals(1, pyrons.exitCode(), pyrons.describe());
        assertEquals("", pyrons.stdout(), pyrons.describe());
        List<String> lines = pyrons.stderr().lines().toList();
        assertEquals(1, lines.size(), pyrons.describe());
        assertTrue(lines.get(0).startsWith("pyro-ns: error: ") && lines.get(0).contains(storage.split(":")[0]),
                pyrons.describe());
    }

    private static ProcessResult run(ServerKind kind, List<String> options) {
        return Commands.run(kind.commandWith(options), kind.environment(), null, TIMEOUT);
    }
}
