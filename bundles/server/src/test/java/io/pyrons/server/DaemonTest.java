package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;

/** The daemon over real sockets on 127.0.0.1, with the test serializer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonTest {
    static final TestSerializer SER = new TestSerializer(7, "test");
    static final TestSerializer OTHER = new TestSerializer(8, "other");

    Daemon daemon;
    Calculator calculator;
    SocketAddress address;

    @BeforeEach
    void start() throws IOException {
        daemon = start(DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test"))
                .withLimits(100_000, Duration.ZERO, Duration.ofMillis(800)));
    }

    Daemon start(DaemonSettings settings) throws IOException {
        Daemon d = new Daemon(settings);
        d.addSerializer(SER);
        d.addSerializer(OTHER);
        calculator = new Calculator();
        d.addObject("calc", calculator);
        d.start();
        address = d.boundAddress();
        return d;
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    TestClient connected() throws IOException {
        TestClient c = new TestClient(address, SER);
        assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
        return c;
    }

    // ---- handshake

    @Test
    void handshakeSendsMetadataAsLists() throws IOException {
        try (TestClient c = new TestClient(address, SER)) {
            Message reply = c.connect("calc");
            assertEquals(MessageType.CONNECTOK, reply.type());
            assertEquals(MessageFlags.META_ON_CONNECT, reply.flags());
            assertEquals(SER.id(), reply.serializerId());
            assertEquals(16, reply.annotations().get("CORR").length);
            Map<?, ?> data = (Map<?, ?>) c.value(reply);
            assertEquals("hello", data.get("handshake"));
            Map<?, ?> meta = (Map<?, ?>) data.get("meta");
            assertEquals(List.of("add", "big", "fail", "greet", "record", "slow", "sum"), meta.get("methods"));
            assertEquals(List.of("record"), meta.get("oneway"));
            assertEquals(List.of(), meta.get("attrs"));
        }
    }

    @Test
    void handshakeForUnknownObjectFails() throws IOException {
        try (TestClient c = new TestClient(address, SER)) {
            Message reply = c.connect("nope");
            assertEquals(MessageType.CONNECTFAIL, reply.type());
            assertEquals("unknown object", c.value(reply));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void handshakeWithUnacceptedSerializerFailsInMarshal() throws IOException {
        try (TestClient c = new TestClient(address, OTHER)) {
            Message reply = c.connect("calc");
            assertEquals(MessageType.CONNECTFAIL, reply.type());
            assertEquals(3, reply.serializerId());
            assertEquals(0, reply.seq());
            assertArrayEquals(MarshalText.encode("message used serializer that is not accepted: 8"), reply.data());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void invokeBeforeHandshakeFails() throws IOException {
        try (TestClient c = new TestClient(address, SER)) {
            Message reply = c.invoke("calc", "add", List.of(1L, 2L), Map.of(), 0);
            assertEquals(MessageType.CONNECTFAIL, reply.type());
            assertArrayEquals(MarshalText.encode("invalid msg type 4 received"), reply.data());
        }
    }

    // ---- requests

    @Test
    void invokesWithPositionalAndKeywordArguments() throws IOException {
        try (TestClient c = connected()) {
            Message reply = c.invoke("calc", "greet", List.of("Irmen"), Map.of("greeting", "Hi"), 0);
            assertEquals(MessageType.RESULT, reply.type());
            assertEquals(0, reply.flags());
            assertEquals(1, reply.seq());
            assertEquals(SER.id(), reply.serializerId());
            assertEquals("Hi, Irmen", c.value(reply));
            assertEquals(42L, c.call("calc", "add", 40L, 2L));
            assertEquals(6L, c.call("calc", "sum", List.of(1L, 2L, 3L)));
        }
    }

    @Test
    void pingIsAnsweredWithPong() throws IOException {
        try (TestClient c = connected()) {
            c.send(new Message(MessageType.PING, 0, 77, 42, "ping".getBytes(StandardCharsets.US_ASCII)));
            Message reply = c.receive();
            assertEquals(MessageType.PING, reply.type());
            assertEquals(77, reply.seq());
            assertEquals(42, reply.serializerId());
            assertEquals("pong", new String(reply.data(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void daemonObject() throws IOException {
        try (TestClient c = new TestClient(address, SER)) {
            assertEquals(MessageType.CONNECTOK, c.connect("Pyro.Daemon").type());
            assertNull(c.call("Pyro.Daemon", "ping"));
            assertEquals(List.of("Pyro.Daemon", "calc"), c.call("Pyro.Daemon", "registered"));
            int port = ((InetSocketAddress) address).getPort();
            assertEquals("Pyro.Daemon bound on 127.0.0.1:" + port + ", NAT None, 2 objects registered. Servertype: "
                    + "<NioServer on 127.0.0.1:" + port + "; 16 workers>", c.call("Pyro.Daemon", "info"));
            Map<?, ?> meta = (Map<?, ?>) c.value(c.invoke("Pyro.Daemon", "get_metadata", List.of("Pyro.Daemon"),
                    Map.of("as_lists", true), 0));
            assertEquals(List.of("close_stream", "get_metadata", "get_next_stream_item", "info", "ping", "registered"),
                    meta.get("methods"));
            Map<?, ?> asSets = (Map<?, ?>) c.call("Pyro.Daemon", "get_metadata", "calc");
            assertInstanceOf(Set.class, asSets.get("methods"));
        }
    }

    @Test
    void errorsComeBackAsExceptionsWithTraceback() throws IOException {
        try (TestClient c = connected()) {
            Message reply = c.invoke("nope", "x", List.of(), Map.of(), 0);
            assertEquals(MessageFlags.EXCEPTION, reply.flags());
            PythonException e = (PythonException) c.value(reply);
            assertEquals("Pyro4.errors.DaemonError", e.pythonType());
            assertEquals("unknown object", e.getMessage());
            List<?> tb = (List<?>) e.attributes().get("_pyroTraceback");
            assertEquals("Traceback (most recent call last):\n", tb.get(0));
            assertEquals("Pyro4.errors.DaemonError: unknown object\n", tb.get(tb.size() - 1));

            assertError(c, "calc", "fail", List.of("boom"), "Pyro4.errors.NamingError", "boom");
            assertError(c, "calc", "nothing", List.of(), "builtins.AttributeError", "'Calculator' object has no attribute 'nothing'");
            assertError(c, "calc", "secret", List.of(), "builtins.AttributeError", "attempt to access unexposed attribute 'secret'");
            assertError(c, "calc", "_hidden", List.of(), "builtins.AttributeError", "attempt to access private attribute '_hidden'");
            assertError(c, "calc", "add", List.of(1L), "builtins.TypeError",
                    "Calculator.add() missing 1 required positional argument: 'b'");
            assertError(c, "Pyro.Daemon", "get_metadata", List.of("nope"), "Pyro4.errors.DaemonError", "unknown object");
            // worded as Pyro4's DaemonObject raises them under CPython
            assertError(c, "Pyro.Daemon", "ping", List.of(1L), "builtins.TypeError",
                    "DaemonObject.ping() takes 1 positional argument but 2 were given");
            assertError(c, "Pyro.Daemon", "get_metadata", List.of(), "builtins.TypeError",
                    "DaemonObject.get_metadata() missing 1 required positional argument: 'objectId'");
            // the connection survives all of these
            assertEquals(3L, c.call("calc", "add", 1L, 2L));
        }
    }

    private static void assertError(TestClient c, String obj, String method, List<Object> args, String type, String text) throws IOException {
        Message reply = c.invoke(obj, method, args, Map.of(), 0);
        assertEquals(MessageFlags.EXCEPTION, reply.flags(), method);
        PythonException e = (PythonException) c.value(reply);
        assertEquals(type, e.pythonType());
        assertEquals(text, e.getMessage());
    }

    @Test
    void batchStopsAtFirstException() throws IOException {
        try (TestClient c = connected()) {
            List<Object> calls = List.of(
                    new Object[]{"add", new Object[]{1L, 2L}, Map.of()},
                    new Object[]{"greet", new Object[]{"you"}, Map.of("greeting", "Hello")},
                    new Object[]{"fail", new Object[]{"stop here"}, Map.of()},
                    new Object[]{"add", new Object[]{5L, 5L}, Map.of()});
            Message reply = c.invoke("calc", "<batch>", calls, Map.of(), MessageFlags.BATCH);
            assertEquals(MessageFlags.BATCH, reply.flags());
            List<?> results = (List<?>) c.value(reply);
            assertEquals(3, results.size());
            assertEquals(3L, results.get(0));
            assertEquals("Hello, you", results.get(1));
            ExceptionWrapper w = (ExceptionWrapper) results.get(2);
            assertEquals("stop here", w.exception().getMessage());
            assertTrue(w.exception().attributes().containsKey("_pyroTraceback"));
        }
    }

    @Test
    void onewayGetsNoResponse() throws Exception {
        try (TestClient c = connected()) {
            assertNull(c.invoke("calc", "record", List.of("done"), Map.of(), MessageFlags.ONEWAY));
            assertTrue(calculator.onewayDone.await(5, TimeUnit.SECONDS));
            assertEquals("done", calculator.lastOneway);
            // the next reply on the wire belongs to the next call
            Message reply = c.invoke("calc", "add", List.of(1L, 1L), Map.of(), 0);
            assertEquals(2L, c.value(reply));
        }
    }

    @Test
    void compressedRequestsAreDecompressed() throws IOException {
        try (TestClient c = connected()) {
            String longName = "n".repeat(500);
            byte[] data = SER.serializeCall(new io.pyrons.api.serializer.Invocation("calc", "greet",
                    List.of(longName, "Hey"), Map.of()));
            Message compressed = MessageCodec.compressIfSmaller(new Message(MessageType.INVOKE, 0, 9, SER.id(), data));
            assertTrue(compressed.hasFlag(MessageFlags.COMPRESSED));
            c.send(compressed);
            Message reply = c.receive();
            assertEquals(9, reply.seq());
            assertEquals("Hey, " + longName, c.value(reply));
        }
    }

    @Test
    void unacceptedSerializerAfterHandshakeIsRefusedAndClosed() throws IOException {
        try (TestClient c = connected()) {
            byte[] call = OTHER.serializeCall(new io.pyrons.api.serializer.Invocation("calc", "add", List.of(1L, 2L), Map.of()));
            c.send(new Message(MessageType.INVOKE, 0, 5, OTHER.id(), call));
            Message reply = c.receive();
            assertEquals(MessageFlags.EXCEPTION, reply.flags());
            assertEquals(OTHER.id(), reply.serializerId());
            PythonException e = (PythonException) OTHER.deserializeData(reply.data());
            assertEquals("Pyro4.errors.SerializeError", e.pythonType());
            assertEquals("message used serializer that is not accepted: 8", e.getMessage());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void serializersComeAndGoWithoutRestart() throws IOException {
        daemon.removeSerializer(SER);
        try (TestClient c = new TestClient(address, SER)) {
            assertEquals(MessageType.CONNECTFAIL, c.connect("calc").type());
        }
        daemon.addSerializer(SER);
        try (TestClient c = connected()) {
            assertEquals(2L, c.call("calc", "add", 1L, 1L));
        }
    }

    @Test
    void objectsComeAndGo() throws IOException {
        Calculator second = new Calculator();
        daemon.addObject("calc2", second);
        try (TestClient c = connected()) {
            assertEquals(5L, c.call("calc2", "add", 2L, 3L));
            daemon.removeObject("calc2", second);
            assertEquals("unknown object", ((PythonException) c.call("calc2", "add", 2L, 3L)).getMessage());
        }
    }

    // ---- bad input: only the offending connection goes

    @Test
    void badInputClosesOnlyThatConnection() throws IOException {
        try (TestClient good = connected()) {
            byte[] valid = new MessageCodec().encode(new Message(MessageType.PING, 0, 1, SER.id(), new byte[4]));
            byte[] badChecksum = valid.clone();
            badChecksum[23] ^= 0x55;
            byte[] badVersion = valid.clone();
            badVersion[5] = 47;
            byte[] oversized = oversizedHeader();
            List<byte[]> attacks = List.of("GARBAGE GARBAGE GARBAGE GARBAGE".getBytes(StandardCharsets.US_ASCII),
                    badChecksum, badVersion, oversized);
            for (byte[] attack : attacks) {
                try (TestClient bad = connected()) {
                    bad.sendRaw(attack);
                    assertTrue(bad.closedByServer());
                }
                assertEquals(4L, good.call("calc", "add", 2L, 2L));
            }
            // truncated: half a message, then the client goes away
            try (TestClient bad = connected()) {
                bad.sendRaw(java.util.Arrays.copyOf(valid, valid.length - 2));
                bad.shutdownOutput();
                assertTrue(bad.closedByServer());
            }
            assertEquals(4L, good.call("calc", "add", 2L, 2L));
        }
    }

    @Test
    void garbageBeforeHandshakeGetsConnectFail() throws IOException {
        try (TestClient bad = new TestClient(address, SER)) {
            bad.sendRaw("GARBAGE GARBAGE GARBAGE GARBAGE".getBytes(StandardCharsets.US_ASCII));
            Message reply = bad.receive();
            assertEquals(MessageType.CONNECTFAIL, reply.type());
            assertArrayEquals(MarshalText.encode("invalid data or unsupported protocol version"), reply.data());
            assertTrue(bad.closedByServer());
        }
    }

    private static byte[] oversizedHeader() {
        // a valid header announcing 50 MB, beyond the 100 kB limit of this daemon
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24);
        int len = 50_000_000;
        int checksum = (MessageType.INVOKE + 48 + len + 0 + 7 + 0 + 1 + 0x34E9) & 0xffff;
        b.put("PYRO".getBytes(StandardCharsets.US_ASCII)).putShort((short) 48).putShort((short) MessageType.INVOKE)
                .putShort((short) 0).putShort((short) 1).putInt(len).putShort((short) 7).putShort((short) 0)
                .putShort((short) 0).putShort((short) checksum);
        return b.array();
    }

    @Test
    void hmacKeyIsEnforced() throws IOException {
        daemon.close();
        byte[] key = "s3cret".getBytes(StandardCharsets.UTF_8);
        daemon = start(DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test")).withHmacKey(key));
        try (TestClient c = new TestClient(address, SER, key)) {
            assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
            assertEquals(7L, c.call("calc", "add", 3L, 4L));
        }
        try (TestClient c = new TestClient(address, SER, "wrong".getBytes(StandardCharsets.UTF_8))) {
            // the reply carries the daemon's HMAC, which this client cannot verify
            assertEquals("message hmac mismatch", assertThrows(io.pyrons.api.SecurityError.class, () -> c.connect("calc")).getMessage());
        }
        try (TestClient c = new TestClient(address, SER, key)) {
            assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
        }
    }

    // ---- concurrency and timeouts

    @Test
    void silentConnectionsAreDroppedAfterTheHandshakeTimeout() throws IOException {
        List<TestClient> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                silent.add(new TestClient(address, SER));
            }
            try (TestClient c = connected()) {
                assertEquals(2L, c.call("calc", "add", 1L, 1L));
            }
            assertTrue(silent.get(0).closedByServer());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (daemon.connectionCount() > 0 && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertEquals(0, daemon.connectionCount());
        } finally {
            for (TestClient c : silent) {
                c.close();
            }
        }
    }

    @Test
    void thousandsOfIdleClientsDoNotBlockANewOne() throws IOException {
        List<TestClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                idle.add(connected());
            }
            assertEquals(2000, daemon.connectionCount());
            try (TestClient c = connected()) {
                assertEquals(2L, c.call("calc", "add", 1L, 1L));
            }
            assertEquals(3L, idle.get(1234).call("calc", "add", 1L, 2L));
        } finally {
            for (TestClient c : idle) {
                c.close();
            }
        }
    }

    @Test
    void connectionsRunInParallel() throws Exception {
        try (TestClient slow = connected(); TestClient fast = connected()) {
            slow.send(new Message(MessageType.INVOKE, 0, 1, SER.id(),
                    SER.serializeCall(new io.pyrons.api.serializer.Invocation("calc", "slow", List.of(1500L), Map.of()))));
            long t0 = System.nanoTime();
            assertEquals(2L, fast.call("calc", "add", 1L, 1L));
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1000), "fast call waited for the slow one");
            assertEquals("slept 1500", slow.value(slow.receive()));
        }
    }

    @Test
    void idleConnectionsAreClosedAfterCommTimeout() throws IOException {
        daemon.close();
        daemon = start(DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test"))
                .withLimits(0, Duration.ofMillis(500), Duration.ofSeconds(10)));
        try (TestClient c = connected()) {
            assertEquals(2L, c.call("calc", "add", 1L, 1L));
            assertTrue(c.closedByServer());
        }
    }

    // ---- binding

    @Test
    void portInUseIsAClearError() {
        int port = ((InetSocketAddress) address).getPort();
        Daemon second = new Daemon(DaemonSettings.tcp("127.0.0.1", port));
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + ": "), e.getMessage());
        second.close();
    }

    @Test
    void locationAndUris() throws IOException {
        int port = ((InetSocketAddress) address).getPort();
        assertEquals("127.0.0.1:" + port, daemon.location());
        assertEquals("PYRO:calc@127.0.0.1:" + port, daemon.uriFor("calc").asString());
        daemon.close();
        daemon = start(DaemonSettings.tcp("", 0).withNat("nat.example.org", 0));
        int p = ((InetSocketAddress) address).getPort();
        assertEquals("0.0.0.0:" + p, daemon.location());
        assertEquals("PYRO:x@nat.example.org:" + p, daemon.uriFor("x").asString());
        assertEquals("PYRO:x@0.0.0.0:" + p, daemon.internalUriFor("x").asString());
        assertEquals(Set.of("Pyro.Daemon", "calc"), daemon.objectIds());
    }

    @Test
    void ipv6Loopback() throws IOException {
        daemon.close();
        daemon = start(DaemonSettings.tcp("::1", 0).withAccepted(Set.of("test")));
        int p = ((InetSocketAddress) address).getPort();
        assertEquals("[::1]:" + p, daemon.location());
        try (TestClient c = connected()) {
            assertEquals(2L, c.call("calc", "add", 1L, 1L));
        }
    }

    @Test
    void unixDomainSocket() throws IOException {
        daemon.close();
        Path dir = Files.createTempDirectory("pyrons");
        Path socket = dir.resolve("pyro.sock");
        daemon = start(DaemonSettings.tcp("", 0).withUnixSocket(socket.toString()).withAccepted(Set.of("test")));
        assertEquals("./u:" + socket, daemon.location());
        assertEquals("PYRO:calc@./u:" + socket, daemon.uriFor("calc").asString());
        try (TestClient c = connected()) {
            assertEquals(9L, c.call("calc", "add", 4L, 5L));
        }
        daemon.close();
        assertFalse(Files.exists(socket));
        Files.delete(dir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
