package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pyrons.serializer.serpent.SerpentSerializer;

/** A real Pyro4 4.82 client (python3-pyro4) against the daemon, with the serpent serializer bundle. */
class Pyro4InteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void pyro4ClientTalksToTheDaemon() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Path script = Path.of("src/test/python/pyro4_client.py").toAbsolutePath();
        Calculator calculator = new Calculator();
        try (Daemon daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0))) {
            daemon.addSerializer(new SerpentSerializer());
            daemon.addObject("calc", calculator);
            daemon.start();
            int port = ((InetSocketAddress) daemon.boundAddress()).getPort();
            String out = run(script, "127.0.0.1:" + port);
            assumeTrue(!out.contains("No module named 'Pyro4'"), "python3-pyro4 not installed");
            assertContains(out, "\"add\": 42");
            assertContains(out, "\"greet\": \"Hi, Irmen\"");
            assertContains(out, "\"sum\": 6");
            assertContains(out, "\"fail\": \"NamingError: boom\"");
            assertContains(out, "\"fail_traceback_first\": [\"Traceback (most recent call last):\"]");
            assertContains(out, "\"secret\": \"AttributeError: remote object 'PYRO:calc@127.0.0.1:" + port
                    + "' has no exposed attribute or method 'secret'\"");
            assertContains(out, "\"oneway\": null");
            assertContains(out, "\"batch\": [3, \"Hello, you\", \"NamingError: stop\"]");
            assertContains(out, "\"registered\": [\"Pyro.Daemon\", \"calc\"]");
            assertContains(out, "\"info\": \"Pyro.Daemon bound on 127.0.0.1:" + port + ", NAT None, 2 objects registered.");
            assertContains(out, "\"ping\": null");
            assertContains(out, "\"metadata\": [\"add\", \"big\", \"fail\", \"greet\", \"record\", \"slow\", \"sum\"]");
            assertContains(out, "\"unknown\": \"CommunicationError: connection to ('127.0.0.1', " + port
                    + ") rejected: unknown object\"");
            assertContains(out, "\"pickle\": \"CommunicationError: connection to ('127.0.0.1', " + port
                    + ") rejected: message used serializer that is not accepted: 4\"");
            assertTrue(calculator.onewayDone.await(5, TimeUnit.SECONDS));
            assertEquals("from python", calculator.lastOneway);
        }
    }

    private static void assertContains(String out, String expected) {
        assertTrue(out.contains(expected), "expected " + expected + " in\n" + out);
    }

    private static String run(Path script, String location) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pyro4-client", ".out");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), location)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("python client did not finish in 60 s");
            }
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }
}
