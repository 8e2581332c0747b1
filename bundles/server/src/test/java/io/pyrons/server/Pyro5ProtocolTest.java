package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;
import io.pyrons.protocol.Pyro5Codec;

/**
 * Pyro4 and Pyro5 clients on one port: the protocol is found per connection from its first bytes and every answer
 * is framed in it; a refused protocol is told why in its own framing. The byte-level match with real Pyro5 is
 * {@code itests/interop}'s {@code Pyro5FixturesTest}.
 */
class Pyro5ProtocolTest {
    private static final TestSerializer SER = DaemonTest.SER;
    private final Pyro5Codec codec = new Pyro5Codec(0);
    private Daemon daemon;

    private SocketAddress start(DaemonSettings settings) throws IOException {
        daemon = new Daemon(settings);
        daemon.addSerializer(SER);
        daemon.addObject("calc", new Calculator());
        daemon.start();
        return daemon.boundAddress();
    }

    private static DaemonSettings settings() {
        return DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test"));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** A Pyro5 connection: raw socket, our codec. */
    private final class Pyro5Connection implements AutoCloseable {
        final Socket socket;

        Pyro5Connection(SocketAddress address) throws IOException {
            InetSocketAddress inet = (InetSocketAddress) address;
            socket = new Socket(inet.getAddress(), inet.getPort());
            socket.setSoTimeout(5000);
        }

        Message exchange(Message request) throws IOException {
            socket.getOutputStream().write(codec.encode(request));
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(40);
            if (header.length < 40) {
                throw new IOException("connection closed");
            }
            ByteBuffer b = ByteBuffer.wrap(header);
            int length = b.getInt(12) + b.getInt(16);
            byte[] all = ByteBuffer.allocate(40 + length).put(header).put(in.readNBytes(length)).array();
            return codec.decode(all);
        }

        Message connect(String objectId) throws IOException {
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("handshake", "hello");
            hello.put("object", objectId);
            return exchange(new Message(MessageType.CONNECT, 0, 5, SER.id(), SER.serializeData(hello, PyroProtocol.PYRO5)));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aPyro5ClientIsAnsweredInPyro5FramingWithMetadataAlwaysAsSets() throws IOException {
        SocketAddress address = start(settings());
        try (Pyro5Connection c = new Pyro5Connection(address)) {
            Message ok = c.connect("calc");
            assertEquals(MessageType.CONNECTOK, ok.type());
            assertEquals(5, ok.seq());
            assertTrue(ok.hasFlag(Pyro5Codec.FLAG_CORR_ID), "a fresh correlation id, as Pyro5's daemon sends");
            Map<?, ?> answer = (Map<?, ?>) SER.deserializeData(ok.data(), PyroProtocol.PYRO5);
            assertEquals("hello", answer.get("handshake"));
            assertTrue(((Map<?, ?>) answer.get("meta")).get("methods") instanceof Set, "Pyro5 metadata are sets");

            byte[] corr = new byte[16];
            corr[15] = 42;
            Message invoke = new Message(MessageType.INVOKE, 0, 6, SER.id(), Map.of(Pyro5Codec.CORRELATION_ANNOTATION, corr),
                    SER.serializeCall(new Invocation("calc", "add", List.of(2L, 3L), Map.of()), PyroProtocol.PYRO5));
            Message result = c.exchange(invoke);
            assertEquals(MessageType.RESULT, result.type());
            assertEquals(6, result.seq());
            assertArrayEquals(corr, result.annotations().get(Pyro5Codec.CORRELATION_ANNOTATION), "the request's id echoed");
            assertEquals(5L, SER.deserializeData(result.data(), PyroProtocol.PYRO5));

            Message pong = c.exchange(new Message(MessageType.PING, 0, 7, Pyro5Codec.PING_SERIALIZER_ID,
                    "ping".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(MessageType.PING, pong.type());
            assertEquals(Pyro5Codec.PING_SERIALIZER_ID, pong.serializerId());
            assertEquals("pong", new String(pong.data(), StandardCharsets.US_ASCII));
            assertEquals(1, daemon.connectionsByProtocol().get(PyroProtocol.PYRO5), "counted by its protocol");
            assertEquals(0, daemon.connectionsByProtocol().get(PyroProtocol.PYRO4));
            assertEquals(2L, daemon.requestsByProtocol().get(PyroProtocol.PYRO5), "invoke, ping (after the handshake)");
        }
        // the same port still serves Pyro4
        try (TestClient pyro4 = new TestClient(address, SER)) {
            assertEquals(MessageType.CONNECTOK, pyro4.connect("calc").type());
            assertEquals(5L, pyro4.call("calc", "add", 2L, 3L));
            assertEquals(1, daemon.connectionsByProtocol().get(PyroProtocol.PYRO4));
            assertEquals(1L, daemon.requestsByProtocol().get(PyroProtocol.PYRO4));
            // JMX reads the same counts, keyed by the protocols' configuration names
            assertEquals(Map.of("pyro4", 1L, "pyro5", 2L), daemon.metrics().getRequestsByProtocol());
            assertEquals(Map.of("pyro4", 1, "pyro5", 0), daemon.metrics().getConnectionsOpenByProtocol());
        }
    }

    @Test
    void aCompressedPyro5RequestIsInflatedAndAOnewayOneGetsNoAnswer() throws IOException {
        SocketAddress address = start(settings());
        try (Pyro5Connection c = new Pyro5Connection(address)) {
            assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
            byte[] call = SER.serializeCall(new Invocation("calc", "add", List.of(40L, 2L), Map.of()), PyroProtocol.PYRO5);
            c.socket.getOutputStream().write(codec.encode(new Message(MessageType.INVOKE, MessageFlags.ONEWAY, 8, SER.id(), call)));
            Message result = c.exchange(new Message(MessageType.INVOKE, MessageFlags.COMPRESSED, 9, SER.id(),
                    MessageCodec.compress(call)));
            assertEquals(9, result.seq(), "the oneway call (seq 8) was not answered");
            assertEquals(42L, SER.deserializeData(result.data(), PyroProtocol.PYRO5));
        }
    }

    @Test
    void anUnknownObjectFailsTheHandshakeAsInPyro5() throws IOException {
        SocketAddress address = start(settings());
        try (Pyro5Connection c = new Pyro5Connection(address)) {
            Message fail = c.connect("nobody");
            assertEquals(MessageType.CONNECTFAIL, fail.type());
            assertEquals("unknown object", SER.deserializeData(fail.data(), PyroProtocol.PYRO5));
        }
    }

    @Test
    void aRefusedProtocolIsToldWhyInItsOwnFraming() throws IOException {
        DaemonSettings pyro4Only = new DaemonSettings("127.0.0.1", 0, "", "", 0, new byte[0], Set.of("test"), 0, 0xffff,
                Duration.ZERO, Duration.ofSeconds(10), 4, TlsSettings.OFF, false, EnumSet.of(PyroProtocol.PYRO4), false);
        SocketAddress address = start(pyro4Only);
        try (Pyro5Connection c = new Pyro5Connection(address)) {
            Message fail = c.connect("calc");
            assertEquals(MessageType.CONNECTFAIL, fail.type());
            assertEquals(2, fail.serializerId(), "refused before a serializer is agreed on: marshal, Pyro5's id 2");
            assertEquals("Pyro5 clients are not accepted by this server (protocols.accepted=pyro4)", marshalText(fail.data()));
        }
        assertEquals(1L, daemon.metrics().getConnectionsRefused(), "a refused protocol is a refused connection");
        daemon.close();

        DaemonSettings pyro5Only = new DaemonSettings("127.0.0.1", 0, "", "", 0, new byte[0], Set.of("test"), 0, 0xffff,
                Duration.ZERO, Duration.ofSeconds(10), 4, TlsSettings.OFF, false, EnumSet.of(PyroProtocol.PYRO5), false);
        address = start(pyro5Only);
        try (TestClient pyro4 = new TestClient(address, SER)) {
            Message fail = pyro4.connect("calc");
            assertEquals(MessageType.CONNECTFAIL, fail.type());
            assertEquals(3, fail.serializerId(), "marshal, Pyro4's id 3");
            assertEquals("Pyro4 clients are not accepted by this server (protocols.accepted=pyro5)", marshalText(fail.data()));
        }
    }

    @Test
    void anHmacKeyRefusesPyro5UnlessExplicitlyAccepted() throws IOException {
        byte[] key = "secret".getBytes(StandardCharsets.UTF_8);
        SocketAddress address = start(settings().withHmacKey(key));
        try (Pyro5Connection c = new Pyro5Connection(address)) {
            Message fail = c.connect("calc");
            assertEquals(MessageType.CONNECTFAIL, fail.type());
            assertEquals("Pyro5 clients are refused: this server requires an HMAC key, which Pyro5 cannot send "
                    + "(set hmac.pyro5.accepted to serve them without it)", marshalText(fail.data()));
        }
        try (TestClient pyro4 = new TestClient(address, SER, key)) {
            assertEquals(MessageType.CONNECTOK, pyro4.connect("calc").type(), "Pyro4 with the key is served");
        }
        daemon.close();

        DaemonSettings accepted = new DaemonSettings("127.0.0.1", 0, "", "", 0, key, Set.of("test"), 0, 0xffff,
                Duration.ZERO, Duration.ofSeconds(10), 4, TlsSettings.OFF, false, EnumSet.allOf(PyroProtocol.class), true);
        address = start(accepted);
        try (Pyro5Connection c = new Pyro5Connection(address)) {
            assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
        }
    }

    @Test
    void anUnknownVersionIsRefusedAfterSixBytes() throws IOException {
        SocketAddress address = start(settings());
        InetSocketAddress inet = (InetSocketAddress) address;
        try (Socket s = new Socket(inet.getAddress(), inet.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[] {'P', 'Y', 'R', 'O', 0, 47});
            byte[] answer = s.getInputStream().readAllBytes();
            assertTrue(answer.length >= 24, "a Pyro4 CONNECTFAIL, then the close");
            assertEquals(48, ByteBuffer.wrap(answer).getShort(4));
            assertFalse(new String(answer, StandardCharsets.ISO_8859_1).isEmpty());
            assertTrue(new String(answer, StandardCharsets.UTF_8).contains("invalid data or unsupported protocol version"));
        }
    }

    /** A marshal {@code str} (TYPE_UNICODE), as Pyro answers a handshake refused before a serializer is agreed on. */
    private static String marshalText(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals('u', b.get());
        int length = b.getInt();
        assertEquals(data.length, 5 + length);
        return new String(data, 5, length, StandardCharsets.UTF_8);
    }
}
