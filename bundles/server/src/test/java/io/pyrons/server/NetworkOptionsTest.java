package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pyrons.serializer.serpent.SerpentSerializer;

/** HMAC, limits, Unix sockets, NAT and IPv6 of the daemon, each against a real Pyro4 client. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkOptionsTest {
    @TempDir
    Path dir;

    @Test
    void hmacKeyIsCheckedOnEveryMessageAndOthersKeepBeingServed() throws Exception {
        try (Daemon daemon = started(DaemonSettings.tcp("127.0.0.1", 0).withHmacKey("secret".getBytes(StandardCharsets.UTF_8)))) {
            String out = Pyro4Steps.run(TlsTest.daemonUri(daemon), Map.of(),
                    "key=secret", "ping", "calc", "key=wrong", "ping", "calc", "key=", "ping", "key=secret", "ping");
            // what a real Pyro4 daemon answers too: the client's SecurityError, wrapped by Proxy._pyroConnect
            String refused = "CommunicationError: cannot connect to ('127.0.0.1', "
                    + ((InetSocketAddress) daemon.boundAddress()).getPort() + "): ";
            assertEquals("[[\"ping\", \"pong\"], [\"calc\", 42], "
                    + "[\"ping\", \"" + refused + "message hmac mismatch\"], [\"calc\", \"" + refused + "message hmac mismatch\"], "
                    + "[\"ping\", \"" + refused + "hmac key config not symmetric\"], [\"ping\", \"pong\"]]", out.strip());
        }
    }

    @Test
    void commTimeoutClosesIdleConnections() throws Exception {
        try (Daemon daemon = started(DaemonSettings.tcp("127.0.0.1", 0)
                .withLimits(0, Duration.ofMillis(500), Duration.ofSeconds(10)))) {
            String out = Pyro4Steps.run(TlsTest.daemonUri(daemon), Map.of(), "ping", "sleep=1.5", "ping", "ping");
            assertEquals("[[\"ping\", \"pong\"], [\"ping\", \"ConnectionClosedError: receiving: not enough data\"], "
                    + "[\"ping\", \"pong\"]]", out.strip());
        }
    }

    @Test
    void oversizedMessagesCloseOnlyThatConnection() throws Exception {
        try (Daemon daemon = started(DaemonSettings.tcp("127.0.0.1", 0)
                .withLimits(2000, Duration.ZERO, Duration.ofSeconds(10)))) {
            String out = Pyro4Steps.run(TlsTest.daemonUri(daemon), Map.of(), "ping", "big=1000", "big=5000", "ping");
            assertEquals("[[\"ping\", \"pong\"], [\"big=1000\", \"DaemonError: unknown object\"], "
                    + "[\"big=5000\", \"ConnectionClosedError: receiving: not enough data\"], [\"ping\", \"pong\"]]", out.strip());
        }
    }

    @Test
    void silentClientIsDroppedAfterTheHandshakeTimeoutAndHoldsUpNobody() throws Exception {
        try (Daemon daemon = started(DaemonSettings.tcp("127.0.0.1", 0)
                .withLimits(0, Duration.ZERO, Duration.ofMillis(1500)))) {
            try (SocketChannel silent = SocketChannel.open(daemon.boundAddress())) {
                long start = System.nanoTime();
                assertEquals("[[\"ping\", \"pong\"]]", Pyro4Steps.run(TlsTest.daemonUri(daemon), Map.of(), "ping").strip());
                silent.socket().setSoTimeout(10_000);
                int read = silent.socket().getInputStream().read();
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(-1, read, "the server closes the silent connection");
                assertTrue(waited >= 1400 && waited < 10_000, "closed after " + waited + " ms");
            }
        }
    }

    @Test
    void unixSocketServesPyro4AndIsRemovedOnClose() throws Exception {
        Path socket = dir.resolve("ns.sock");
        try (Daemon daemon = started(DaemonSettings.tcp("", 0).withUnixSocket(socket.toString()))) {
            assertEquals("./u:" + socket, daemon.location());
            String uri = "PYRO:Pyro.Daemon@./u:" + socket;
            assertEquals(uri, daemon.uriFor("Pyro.Daemon").asString());
            String out = Pyro4Steps.run(uri, Map.of(), "ping", "calc", "info");
            assertTrue(out.startsWith("[[\"ping\", \"pong\"], [\"calc\", 42], [\"info\", \"Pyro.Daemon bound on ./u:" + socket
                    + ", NAT None"), out);
            assertTrue(Files.exists(socket));
        }
        assertFalse(Files.exists(socket), "socket file removed on close");
    }

    @Test
    void staleUnixSocketIsReplacedButALiveOneIsNot() throws Exception {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket)); // closing it leaves the file, as a crash does
        }
        assertTrue(Files.exists(socket));
        try (Daemon daemon = started(DaemonSettings.tcp("", 0).withUnixSocket(socket.toString()))) {
            assertEquals("[[\"ping\", \"pong\"]]", Pyro4Steps.run("PYRO:Pyro.Daemon@./u:" + socket, Map.of(), "ping").strip());
            Daemon second = new Daemon(DaemonSettings.tcp("", 0).withUnixSocket(socket.toString()));
            var refused = assertThrows(IOException.class, second::start);
            second.close();
            assertTrue(refused.getMessage().contains("another server is listening"), refused.getMessage());
            assertEquals("[[\"ping\", \"pong\"]]", Pyro4Steps.run("PYRO:Pyro.Daemon@./u:" + socket, Map.of(), "ping").strip(),
                    "the live server keeps its socket");
        }
        Path file = Files.writeString(dir.resolve("data.txt"), "not a socket");
        Daemon onFile = new Daemon(DaemonSettings.tcp("", 0).withUnixSocket(file.toString()));
        var refused = assertThrows(IOException.class, onFile::start);
        onFile.close();
        assertTrue(refused.getMessage().contains("not a socket"), refused.getMessage());
        assertEquals("not a socket", Files.readString(file));
    }

    @Test
    void aFifoAtTheUnixSocketPathIsLeftAloneAndNamed() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        Daemon onFifo = new Daemon(DaemonSettings.tcp("", 0).withUnixSocket(fifo.toString()));
        var refused = assertThrows(IOException.class, onFifo::start);
        onFifo.close();
        assertEquals("cannot listen on ./u:" + fifo + ": the path exists and is not a socket", refused.getMessage());
        assertTrue(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the FIFO is still there");
        assertFalse(StaleUnixSocket.isSocket(fifo));
    }

    @Test
    void natAddressIsHandedOutWhileTheInternalOneIsBound() throws Exception {
        try (Daemon daemon = started(DaemonSettings.tcp("127.0.0.1", 0).withNat("nat.example.com", 5555))) {
            int port = ((InetSocketAddress) daemon.boundAddress()).getPort();
            assertEquals("PYRO:Pyro.Daemon@nat.example.com:5555", daemon.uriFor("Pyro.Daemon").asString());
            assertEquals("PYRO:Pyro.Daemon@127.0.0.1:" + port, daemon.internalUriFor("Pyro.Daemon").asString());
            String out = Pyro4Steps.run(TlsTest.daemonUri(daemon), Map.of(), "info");
            assertTrue(out.contains("Pyro.Daemon bound on 127.0.0.1:" + port + ", NAT nat.example.com:5555,"), out);
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        assumeTrue(ipv6Available(), "no IPv6 loopback here");
        try (Daemon daemon = started(DaemonSettings.tcp("::1", 0))) {
            int port = ((InetSocketAddress) daemon.boundAddress()).getPort();
            assertEquals("[::1]:" + port, daemon.location());
            String out = Pyro4Steps.run("PYRO:Pyro.Daemon@[::1]:" + port, Map.of(), "ping", "calc", "info");
            assertTrue(out.startsWith("[[\"ping\", \"pong\"], [\"calc\", 42], [\"info\", \"Pyro.Daemon bound on [::1]:" + port),
                    out);
        }
    }

    static boolean ipv6Available() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Daemon started(DaemonSettings settings) throws IOException {
        Daemon daemon = new Daemon(settings);
        daemon.addSerializer(new SerpentSerializer());
        daemon.addObject("calc", new Calculator());
        daemon.start();
        return daemon;
    }

}
