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

import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;
import io.pyrons.serializer.serpent.SerpentSerializer;

/**
 * The lean Pyro4 client every server is measured with: one blocking socket, serpent (Pyro4's default), requests
 * written from pre-serialized bodies, replies read into a reused buffer and only decoded when asked. It sends what
 * a Pyro4 4.82 proxy sends (handshake {@code {"handshake":"hello","object":id}} with META_ON_CONNECT) minus the
 * optional annotations. Not thread-safe: one per simulated client.
 */
final class RawPyroClient implements AutoCloseable {
    static final Serializer SERPENT = new SerpentSerializer();
    static final String NS_ID = "Pyro.NameServer";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] outBuffer = new byte[4096];
    private final byte[] header = new byte[WireHeader.SIZE];
    private byte[] body = new byte[4096];
    private int replyFlags;
    private int replyAnnotations;
    private int replyData;
    private int seq;

    private RawPyroClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A TCP connection, no handshake yet. */
    static RawPyroClient open(InetSocketAddress server, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(server, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return new RawPyroClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Connects and does the handshake for the name server object: what a Pyro4 proxy does first. */
    static RawPyroClient connected(InetSocketAddress server, int timeoutMillis) throws IOException {
        RawPyroClient c = open(server, timeoutMillis);
        try {
            c.handshake(NS_ID);
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    static byte[] handshakeBody(String objectId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handshake", "hello");
        data.put("object", objectId);
        return SERPENT.serializeData(data);
    }

    /** A serialized INVOKE payload for the name server, to be sent many times with {@link #invoke(byte[], int)}. */
    static byte[] callBody(String method, List<Object> args, Map<String, Object> kwargs) {
        return SERPENT.serializeCall(new Invocation(NS_ID, method, args, kwargs));
    }

    void handshake(String objectId) throws IOException {
        exchange(MessageType.CONNECT, MessageFlags.META_ON_CONNECT, handshakeBody(objectId));
        if (WireHeader.type(header) != MessageType.CONNECTOK) {
            throw new RemoteFailure("handshake refused: " + describeReply());
        }
    }

    /**
     * Sends a pre-serialized call and reads its reply into the reused buffer; an exception reply is a failure.
     * Returns the reply's data length.
     */
    int invoke(byte[] callBody, int flags) throws IOException {
        exchange(MessageType.INVOKE, flags, callBody);
        if (WireHeader.type(header) != MessageType.RESULT) {
            throw new RemoteFailure("expected RESULT, got message type " + WireHeader.type(header));
        }
        if ((replyFlags & MessageFlags.EXCEPTION) != 0) {
            throw new RemoteFailure("remote exception: " + describeReply());
        }
        return replyData;
    }

    /** A call whose answer is decoded (for checks and the few calls where the answer matters). */
    Object call(String method, List<Object> args, Map<String, Object> kwargs) throws IOException {
        invoke(callBody(method, args, kwargs), 0);
        return lastValue();
    }

    /** Pyro4's batch call: {@code calls} are {@code (method, args, kwargs)} tuples; returns the result list. */
    Object batch(List<Object> calls) throws IOException {
        invoke(SERPENT.serializeCall(new Invocation(NS_ID, "<batch>", calls, Map.of())), MessageFlags.BATCH);
        return lastValue();
    }

    /** The last reply's payload, deserialized (decompressed first if flagged). */
    Object lastValue() {
        byte[] data = Arrays.copyOfRange(body, replyAnnotations, replyAnnotations + replyData);
        if ((replyFlags & MessageFlags.COMPRESSED) != 0) {
            data = MessageCodec.decompress(data, 0);
        }
        return SERPENT.deserializeData(data);
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
        int length = WireHeader.SIZE + data.length;
        if (outBuffer.length < length) {
            outBuffer = new byte[Math.max(length, outBuffer.length * 2)];
        }
        WireHeader.write(outBuffer, type, flags, mySeq, data.length, SERPENT.id(), 0);
        System.arraycopy(data, 0, outBuffer, WireHeader.SIZE, data.length);
        out.write(outBuffer, 0, length);
        out.flush();
        readFully(header, WireHeader.SIZE);
        if (!WireHeader.isPyro(header)) {
            throw new RemoteFailure("not a Pyro reply");
        }
        replyFlags = WireHeader.flags(header);
        replyAnnotations = WireHeader.annotationsLength(header);
        replyData = WireHeader.dataLength(header);
        int bodyLength = replyAnnotations + replyData;
        if (body.length < bodyLength) {
            body = new byte[Math.max(bodyLength, body.length * 2)];
        }
        readFully(body, bodyLength);
        int type0 = WireHeader.type(header);
        if (WireHeader.seq(header) != mySeq && type0 != MessageType.CONNECTFAIL) {
            throw new RemoteFailure("reply seq " + WireHeader.seq(header) + " for request " + mySeq);
        }
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
