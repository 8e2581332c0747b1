package io.pyrons.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageType;
import io.pyrons.protocol.Pyro5Codec;
import io.pyrons.protocol.Pyro5Header;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench's Pyro5 requests and reply parsing against the messages a real Pyro5 5.x proxy and name server
 * exchanged (the interop itests' captured fixtures, {@code pyro5/serpent/} in their test-jar) and against what
 * pyrons' own {@link Pyro5Codec} writes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Pyro5WireHeaderTest {
    private static final String FIXTURES = "/pyro5/serpent/";

    @Test
    void writesTheHeaderThePyro5CodecWrites() {
        byte[] data = "payload".getBytes();
        byte[] expected = new Pyro5Codec(0).encode(new Message(MessageType.INVOKE, 8, 65535, 1, data));
        byte[] header = new byte[Pyro5WireHeader.SIZE];
        Arrays.fill(header, (byte) 0x55); // the client reuses its buffer: everything must be written
        Pyro5WireHeader.write(header, MessageType.INVOKE, 8, 65535, data.length, 1, 0);
        assertArrayEquals(Arrays.copyOf(expected, Pyro5WireHeader.SIZE), header);
    }

    @Test
    void sendsTheBytesAPyro5ProxySends() throws IOException {
        byte[] connect = fixture("01-connect.request.bin");
        assertEquals(text(connect), bytes(header(MessageType.CONNECT, 0, 0, connect),
                RawPyroClient.handshakeBody(RawPyroClient.NS_ID, PyroProtocol.PYRO5)));
        byte[] lookup = fixture("06-lookup.request.bin");
        assertEquals(text(lookup), bytes(header(MessageType.INVOKE, 0, 5, lookup),
                RawPyroClient.callBody(PyroProtocol.PYRO5, "lookup", List.of("fix.a"), Map.of())));
    }

    @Test
    void readsTheHeaderOfAReplyPyro5sNameServerSent() throws IOException {
        byte[] reply = fixture("06-lookup.response.bin");
        Pyro5Header parsed = Pyro5Header.parse(ByteBuffer.wrap(reply));
        assertTrue(Pyro5WireHeader.isPyro5(reply));
        assertFalse(WireHeader.isPyro(reply), "not a Pyro4 header");
        assertEquals(MessageType.RESULT, Pyro5WireHeader.type(reply));
        assertEquals(parsed.type(), Pyro5WireHeader.type(reply));
        assertEquals(parsed.serializerId(), Pyro5WireHeader.serializerId(reply));
        assertEquals(parsed.flags(), Pyro5WireHeader.flags(reply));
        assertEquals(Pyro5Codec.FLAG_CORR_ID, Pyro5WireHeader.flags(reply), "Pyro5 sends a correlation id back");
        assertEquals(parsed.seq(), Pyro5WireHeader.seq(reply));
        assertEquals(parsed.dataLength(), Pyro5WireHeader.dataLength(reply));
        assertEquals(parsed.annotationsLength(), Pyro5WireHeader.annotationsLength(reply));
        assertEquals(reply.length, Pyro5WireHeader.SIZE + Pyro5WireHeader.annotationsLength(reply)
                + Pyro5WireHeader.dataLength(reply));
    }

    /** The client against a replay of Pyro5's name server: handshake, then a lookup answered with a Pyro5 URI. */
    @Test
    void theClientInPyro5ModeReadsPyro5sReplies() throws Exception {
        byte[] connectOk = fixture("01-connect.response.bin");
        byte[] lookupResult = fixture("06-lookup.response.bin");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread replay = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    for (byte[] reply : List.of(connectOk, lookupResult)) {
                        byte[] request = readMessage(s.getInputStream());
                        byte[] answer = reply.clone();
                        answer[10] = request[10]; // echo the request's seq, as a Pyro5 daemon does
                        answer[11] = request[11];
                        OutputStream out = s.getOutputStream();
                        out.write(answer);
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            replay.setDaemon(true);
            replay.start();
            try (RawPyroClient c = RawPyroClient.connected((InetSocketAddress) server.getLocalSocketAddress(),
                    10_000, PyroProtocol.PYRO5)) {
                Object uri = c.call("lookup", List.of("fix.a"), Map.of());
                assertEquals(PyroURI.parse("PYRO:obj_a@127.0.0.1:5555"), uri);
            }
            replay.join(10_000);
        }
    }

    private static byte[] header(int type, int flags, int seq, byte[] captured) {
        byte[] h = new byte[Pyro5WireHeader.SIZE];
        Pyro5WireHeader.write(h, type, flags, seq, captured.length - Pyro5WireHeader.SIZE, 1, 0);
        return h;
    }

    private static String text(byte[] b) {
        return Arrays.toString(b);
    }

    private static String bytes(byte[] header, byte[] body) {
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return Arrays.toString(all);
    }

    private static byte[] readMessage(InputStream in) throws IOException {
        byte[] header = in.readNBytes(Pyro5WireHeader.SIZE);
        int rest = Pyro5WireHeader.dataLength(header) + Pyro5WireHeader.annotationsLength(header);
        byte[] message = Arrays.copyOf(header, Pyro5WireHeader.SIZE + rest);
        System.arraycopy(in.readNBytes(rest), 0, message, Pyro5WireHeader.SIZE, rest);
        return message;
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = Pyro5WireHeaderTest.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IOException(FIXTURES + name + " is not on the class path (the interop itests' test-jar)");
            }
            return in.readAllBytes();
        }
    }
}
