package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;

/** New settings apply to open connections; only a new address makes a new socket. */
@Timeout(60)
class DaemonUpdateTest {
    private DaemonSettings settings;
    private Daemon daemon;

    @BeforeEach
    void start() throws IOException {
        settings = DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test", "other"))
                .withLimits(100_000, Duration.ZERO, Duration.ZERO);
        daemon = new Daemon(settings);
        daemon.addSerializer(DaemonTest.SER);
        daemon.addSerializer(DaemonTest.OTHER);
        daemon.addObject("calc", new Calculator());
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private TestClient connected() throws IOException {
        TestClient c = new TestClient(daemon.boundAddress(), DaemonTest.SER);
        assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
        return c;
    }

    @Test
    void limitsSerializersAndWorkersChangeWhileConnectionsStayOpen() throws IOException {
        int port = ((InetSocketAddress) daemon.boundAddress()).getPort();
        try (TestClient c = connected()) {
            assertEquals("x".repeat(5000).length(), ((String) c.call("calc", "big", 5000)).length());
            DaemonSettings smaller = settings.withLimits(2000, Duration.ZERO, Duration.ZERO);
            assertFalse(daemon.update(new DaemonSettings(smaller.host(), smaller.port(), "", "", 0, new byte[0],
                    Set.of("test"), 2000, 0xffff, Duration.ZERO, Duration.ZERO, 3, TlsSettings.OFF, true)));
            assertEquals(port, ((InetSocketAddress) daemon.boundAddress()).getPort());
            assertEquals(3L, c.call("calc", "add", 1L, 2L), "the open connection is still served");
            assertEquals(Set.of("test"), daemon.acceptedSerializers());
            assertTrue(daemon.info().endsWith("; 3 workers>"), daemon.info());
            // compression now on: a reply of 200 bytes or more comes compressed
            Message reply = c.invoke("calc", "big", List.of(1000), Map.of(), 0);
            assertTrue(reply.hasFlag(MessageFlags.COMPRESSED));
            assertEquals(1000, ((String) c.value(reply)).length());
            // the smaller message limit: a request of 3000 bytes is too large now
            c.sendRaw(c.encodeInvoke(9, "calc", "greet", List.of("y".repeat(3000), "Hi"), 0));
            assertTrue(c.closedByServer(), "a request over the new limit closes the connection");
        }
    }

    @Test
    void aNewHostMeansANewSocketAndLocation() throws IOException {
        String before = daemon.location();
        DaemonSettings rebound = new DaemonSettings("localhost", 0, "", "", 0, new byte[0], Set.of("test"),
                100_000, 0xffff, Duration.ZERO, Duration.ZERO, 16, TlsSettings.OFF, false);
        try (TestClient c = connected()) {
            assertTrue(daemon.update(rebound));
            assertTrue(c.closedByServer(), "the old socket's connections go with it");
        }
        assertNotEquals(before, daemon.location());
        assertTrue(daemon.location().startsWith("localhost:"), daemon.location());
        try (TestClient c = connected()) {
            assertEquals(3L, c.call("calc", "add", 1L, 2L));
        }
    }

    @Test
    void theBoundPortWrittenIntoTheConfigurationKeepsTheSocket() throws IOException {
        int port = ((InetSocketAddress) daemon.boundAddress()).getPort();
        DaemonSettings pinned = new DaemonSettings("127.0.0.1", port, "", "", 0, new byte[0], Set.of("test"),
                100_000, 0xffff, Duration.ZERO, Duration.ZERO, 16, TlsSettings.OFF, false);
        try (TestClient c = connected()) {
            assertFalse(daemon.update(pinned), "port 0 got " + port + ": writing it down changes nothing");
            assertEquals(3L, c.call("calc", "add", 1L, 2L));
        }
    }

    @Test
    void aNatChangeKeepsTheSocket() throws IOException {
        int port = ((InetSocketAddress) daemon.boundAddress()).getPort();
        try (TestClient c = connected()) {
            assertFalse(daemon.update(settings.withNat("nat.example", 4444)));
            assertEquals("PYRO:calc@nat.example:4444", daemon.uriFor("calc").toString());
            assertEquals("PYRO:calc@127.0.0.1:" + port, daemon.internalUriFor("calc").toString());
            assertEquals(3L, c.call("calc", "add", 1L, 2L));
        }
    }
}
