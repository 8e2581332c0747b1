package io.pyrons.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;
import io.pyrons.serializer.serpent.SerpentSerializer;

/**
 * The lean Pyro client every server is measured with: one blocking socket, serpent (Pyro4's default), requests
 * written from pre-serialized bodies, replies read into a reused buffer and only decoded when asked. It sends what
 * a Pyro4 4.82 proxy sends (handshake {@code {"handshake":"hello","object":id}} with META_ON_CONNECT) minus the
 * optional annotations; in {@link PyroProtocol#PYRO5} mode what a Pyro5 proxy sends (the same handshake dict with
 * flags 0, which Pyro5 answers with the metadata anyway; serpent's Pyro5 id 1; a call is serpent's
 * {@code (object, method, params, kwargs)} tuple; no correlation id) in the 40-byte header of protocol 502
 * ({@link Pyro5WireHeader}). Not thread-safe: one per simulated client.
 */
final class RawPyroClient implements AutoCloseable {
    static final Serializer SERPENT = new SerpentSerializer();
    static final String NS_ID = "Pyro.NameServer";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final PyroProtocol protocol;
    private final boolean pyro5;
    private final int headerSize;
    private final int serializerId;
    private byte[] outBuffer = new byte[4096];
    private final byte[] header = new byte[Pyro5WireHeader.SIZE];
    private byte[] body = new byte[4096];
    private int replyFlags;
    private int replyAnnotations;
    private int replyData;
    private int seq;

    private RawPyroClient(Socket socket, PyroProtocol protocol) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.protocol = protocol;
        this.pyro5 = protocol == PyroProtocol.PYRO5;
        this.headerSize = pyro5 ? Pyro5WireHeader.SIZE : WireHeader.SIZE;
        this.serializerId = SERPENT.id(protocol).orElseThrow();
    }

    /** A Pyro4 TCP connection, no handshake yet. */
    static RawPyroClient open(InetSocketAddress server, int timeoutMillis) throws IOException {
        return open(server, timeoutMillis, PyroProtocol.PYRO4);
    }

    /** A TCP connection that will speak {@code protocol}, no handshake yet. */
    static RawPyroClient open(InetSocketAddress server, int timeoutMillis, PyroProtocol protocol) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(server, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return new RawPyroClient(s, protocol);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Connects and does the handshake for the name server object: what a Pyro4 proxy does first. */
    static RawPyroClient connected(InetSocketAddress server, int timeoutMillis) throws IOException {
        return connected(server, timeoutMillis, PyroProtocol.PYRO4);
    }

    /** {@link #connected(InetSocketAddress, int)} as a proxy of {@code protocol}. */
    static RawPyroClient connected(InetSocketAddress server, int timeoutMillis, PyroProtocol protocol)
            throws IOException {
        RawPyroClient c = open(server, timeoutMillis, protocol);
        try {
            c.handshake(NS_ID);
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    static byte[] handshakeBody(String objectId, PyroProtocol protocol) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handshake", "hello");
        data.put("object", objectId);
        return SERPENT.serializeData(data, protocol);
    }

    /** A serialized Pyro4 INVOKE payload for the name server, to be sent many times with {@link #invoke(byte[], int)}. */
    static byte[] callBody(String method, List<Object> args, Map<String, Object> kwargs) {
        return callBody(PyroProtocol.PYRO4, method, args, kwargs);
    }

    /** {@link #callBody(String, List, Map)} for a client of {@code protocol}. */
    static byte[] callBody(PyroProtocol protocol, String method, List<Object> args, Map<String, Object> kwargs) {
        return SERPENT.serializeCall(new Invocation(NS_ID, method, args, kwargs), protocol);
    }

    PyroProtocol protocol() {
        return protocol;
    }

    void handshake(String objectId) throws IOException {
        // Pyro4 asks for the metadata with a flag; Pyro5 always gets it, and its bit 4 means ITEMSTREAMRESULT
        exchange(MessageType.CONNECT, pyro5 ? 0 : MessageFlags.META_ON_CONNECT, handshakeBody(objectId, protocol));
        if (replyType() != MessageType.CONNECTOK) {
            throw new RemoteFailure("handshake refused: " + describeReply());
        }
    }

    /**
     * Sends a pre-serialized call and reads its reply into the reused buffer; an exception reply is a failure.
     * Returns the reply's data length.
     */
    int invoke(byte[] callBody, int flags) throws IOException {
        exchange(MessageType.INVOKE, flags, callBody);
        if (replyType() != MessageType.RESULT) {
            throw new RemoteFailure("expected RESULT, got message type " + replyType());
        }
        if ((replyFlags & MessageFlags.EXCEPTION) != 0) {
            throw new RemoteFailure("remote exception: " + describeReply());
        }
        return replyData;
    }

    /** A call whose answer is decoded (for checks and the few calls where the answer matters). */
    Object call(String method, List<Object> args, Map<String, Object> kwargs) throws IOException {
        invoke(callBody(protocol, method, args, kwargs), 0);
        return lastValue();
    }

    /** Pyro4's batch call: {@code calls} are {@code (method, args, kwargs)} tuples; returns the result list. */
    Object batch(List<Object> calls) throws IOException {
        invoke(SERPENT.serializeCall(new Invocation(NS_ID, "<batch>", calls, Map.of()), protocol), MessageFlags.BATCH);
        return lastValue();
    }

    /** The last reply's payload, deserialized (decompressed first if flagged). */
    Object lastValue() {
        byte[] data = Arrays.copyOfRange(body, replyAnnotations, replyAnnotations + replyData);
        if ((replyFlags & MessageFlags.COMPRESSED) != 0) {
            data = MessageCodec.decompress(data, 0);
        }
        return SERPENT.deserializeData(data, protocol);
    }

    private String describeReply() {
        try {
            return String.valueOf(lastValue());
        } catch (RuntimeException e) {
            return "(undecodable reply: " + e + ")";
        }
    }

    private void exchange(int type, int flags, byte[] data) throws IOException {
        int mySeq = seq = (seq + 1) & 0xffff;
        int length = headerSize + data.length;
        if (outBuffer.length < length) {
            outBuffer = new byte[Math.max(length, outBuffer.length * 2)];
        }
        if (pyro5) {
            Pyro5WireHeader.write(outBuffer, type, flags, mySeq, data.length, serializerId, 0);
        } else {
            WireHeader.write(outBuffer, type, flags, mySeq, data.length, serializerId, 0);
        }
        System.arraycopy(data, 0, outBuffer, headerSize, data.length);
        out.write(outBuffer, 0, length);
        out.flush();
        readFully(header, headerSize);
        int replySeq;
        if (pyro5) {
            if (!Pyro5WireHeader.isPyro5(header)) {
                throw new RemoteFailure("not a Pyro5 reply");
            }
            replyFlags = Pyro5WireHeader.flags(header);
            replyAnnotations = Pyro5WireHeader.annotationsLength(header);
            replyData = Pyro5WireHeader.dataLength(header);
            replySeq = Pyro5WireHeader.seq(header);
        } else {
            if (!WireHeader.isPyro(header)) {
                throw new RemoteFailure("not a Pyro reply");
            }
            replyFlags = WireHeader.flags(header);
            replyAnnotations = WireHeader.annotationsLength(header);
            replyData = WireHeader.dataLength(header);
            replySeq = WireHeader.seq(header);
        }
        int bodyLength = replyAnnotations + replyData;
        if (body.length < bodyLength) {
            body = new byte[Math.max(bodyLength, body.length * 2)];
        }
        readFully(body, bodyLength);
        if (replySeq != mySeq && replyType() != MessageType.CONNECTFAIL) {
            throw new RemoteFailure("reply seq " + replySeq + " for request " + mySeq);
        }
    }

    private int replyType() {
        return pyro5 ? Pyro5WireHeader.type(header) : WireHeader.type(header);
    }

    private void readFully(byte[] into, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int r = in.read(into, n, length - n);
            if (r < 0) {
                throw new RemoteFailure("connection closed by the server");
            }
            n += r;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a benchmark socket cannot fail in a way that matters
        }
    }
}
