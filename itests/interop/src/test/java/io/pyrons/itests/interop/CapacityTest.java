package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 1,000 idle Pyro4 connections (handshake done) and 100 silent TCP connections must not stop a fresh
 * client from being served within 5 s. pyro4-ns fails this (its 40-thread pool rejects the 41st
 * connection, and silent connections freeze its workers): that run proves the test can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapacityTest {

    private static final String PYRO_CONNECTIONS = "1000";
    private static final String RAW_CONNECTIONS = "100";
    private static final String DEADLINE_SECONDS = "5";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    private Python python;

    @BeforeAll
    void locatePython() {
        python = Python.locate();
    }

    @Test
    void pyronsServesAFreshClientBesideThousandsOfIdleConnections() {
        try (NameServerProcess server = NameServerProcess.start(ServerKind.PYRONS)) {
            ProcessResult result = load(server, PYRO_CONNECTIONS, RAW_CONNECTIONS);
            assertEquals(0, result.exitCode(), () -> result.describe() + "\n" + server.output());
            assertTrue(result.stdout().contains("bound 1000 pyro connections"), result.describe());
            assertTrue(result.stdout().contains("fresh client served, count=1"), result.describe());
            assertTrue(result.stdout().contains("idle connections still served"), result.describe());
            assertTrue(server.isAlive(), server.output());
        }
    }

    @Test
    void pyro4NsIsExhaustedBySilentConnections() {
        try (NameServerProcess server = NameServerProcess.start(ServerKind.PYRO4_NS)) {
            ProcessResult result = load(server, "0", RAW_CONNECTIONS);
            assertNotEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("FAIL fresh client not served"), result.describe());
        }
    }

    @Test
    void pyro4NsRejectsConnectionsBeyondItsThreadPool() {
        try (NameServerProcess server = NameServerProcess.start(ServerKind.PYRO4_NS)) {
            ProcessResult result = load(server, PYRO_CONNECTIONS, "0");
            assertNotEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("FAIL pyro connection 41 of 1000"), result.describe());
        }
    }

    private ProcessResult load(NameServerProcess server, String pyroConnections, String rawConnections) {
        return python.run("capacity.py", List.of(server.host(), Integer.toString(server.port()),
                pyroConnections, rawConnections, DEADLINE_SECONDS), Map.of(), SCRIPT_TIMEOUT);
    }
}
