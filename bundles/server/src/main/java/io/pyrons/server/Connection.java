package io.pyrons.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Arrays;

import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageHeader;

/**
 * One client connection: reassembles messages from whatever the socket delivers and queues responses. While idle
 * it holds just its 24-byte header buffer. At most one request is in flight: reading pauses from a complete message
 * until its reply has been written. Its I/O thread owns it while {@link #IDLE}; the worker that runs its
 * request owns it while {@link #BUSY}, and hands it back through {@link #state}.
 */
final class Connection {
    /** Bodies grow as bytes arrive, so a header that merely claims a huge length costs nothing. */
    private static final int INITIAL_BODY = 16 * 1024;

    final SocketChannel channel;
    final Transport io;
    final String peer;
    /** The I/O thread that reads and writes this connection. */
    final NioServer.IoLoop loop;
    SelectionKey key;
    /** Set once by whoever closes it first. */
    final AtomicBoolean closed = new AtomicBoolean();
    /** Owned by its I/O thread: reading, quick requests, sweeping. */
    static final int IDLE = 0;
    /** A worker runs the request; reading waits. */
    static final int BUSY = 1;
    /** Busy, and the selector saw more input meanwhile and stopped watching for it: the worker must wake it. */
    static final int BUSY_INPUT_WAITING = 2;

    final AtomicInteger state = new AtomicInteger(IDLE);
    volatile boolean handshakeDone;
    boolean closeAfterWrite;
    volatile long lastActivityNanos;
    final long acceptedNanos;

    private final ByteBuffer header = ByteBuffer.allocate(MessageHeader.SIZE);
    private MessageHeader pending;
    /** Input read beyond the last complete message, or null. */
    private ByteBuffer carry;
    private byte[] body;
    private int bodyFill;
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();

    Connection(SocketChannel channel, Transport io, String peer, long nowNanos, NioServer.IoLoop loop) {
        this.channel = channel;
        this.io = io;
        this.peer = peer;
        this.loop = loop;
        this.acceptedNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    /** Thrown when the peer closed its side. */
    static final class Closed extends IOException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("connection closed by peer");
        }
    }

    /**
     * Reads what is available; returns a complete message or {@code null} when more bytes are needed.
     * Protocol violations surface as the codec's PythonExceptions. {@code scratch} belongs to the calling I/O
     * thread: one read system call takes header and body of a usual request together; bytes beyond the message
     * (a client that sent its next request early) are kept for the next call, see {@link #hasBufferedInput}.
     */
    Message read(MessageCodec codec, long nowNanos, ByteBuffer scratch) throws IOException {
        ByteBuffer in = carry;
        if (in == null) {
            scratch.clear();
            if (io.read(scratch) < 0) {
                throw new Closed();
            }
            scratch.flip();
            if (!scratch.hasRemaining()) {
                return null;
            }
            lastActivityNanos = nowNanos;
            in = scratch;
        }
        Message message = take(codec, in, nowNanos);
        if (!in.hasRemaining()) {
            carry = null;
        } else if (in == scratch) {
            carry = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }
        return message;
    }

    /** Whether input taken off the socket waits here: the selector will not report it again. */
    boolean hasBufferedInput() {
        return carry != null;
    }

    /** Continues the message under way with {@code in}, then with the socket for a body bigger than {@code in}. */
    private Message take(MessageCodec codec, ByteBuffer in, long nowNanos) throws IOException {
        if (pending == null) {
            copy(in, header);
            if (header.hasRemaining()) {
                return null;
            }
            header.flip();
            pending = codec.decodeHeader(header);
            header.clear();
            body = new byte[(int) Math.min(pending.bodyLength(), Math.max(INITIAL_BODY, in.remaining()))];
            bodyFill = 0;
        }
        int fromInput = (int) Math.min(in.remaining(), pending.bodyLength() - bodyFill);
        if (fromInput > 0) {
            ensureBody(bodyFill + fromInput);
            in.get(body, bodyFill, fromInput);
            bodyFill += fromInput;
        }
        while (bodyFill < pending.bodyLength()) { // in is used up: the rest of a big body comes from the socket
            ensureBody(bodyFill + 1);
            int n = io.read(ByteBuffer.wrap(body, bodyFill, body.length - bodyFill));
            if (n < 0) {
                throw new Closed();
            }
            if (n == 0) {
                return null;
            }
            lastActivityNanos = nowNanos;
            bodyFill += n;
        }
        MessageHeader complete = pending;
        byte[] bytes = body;
        pending = null;
        body = null;
        return codec.decodeBody(complete, ByteBuffer.wrap(bytes));
    }

    /** Grows the body towards its announced length as bytes arrive: a header that merely claims a huge length costs nothing. */
    private void ensureBody(int needed) {
        if (needed > body.length) {
            long grown = Math.max(needed, (long) body.length * 2);
            body = Arrays.copyOf(body, (int) Math.min(pending.bodyLength(), grown));
        }
    }

    private static void copy(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        to.put(to.position(), from, from.position(), n);
        to.position(to.position() + n);
        from.position(from.position() + n);
    }

    boolean busy() {
        return state.get() != IDLE;
    }

    /** Whether a message has started arriving but is not complete. */
    boolean midMessage() {
        return pending != null || header.position() > 0 || carry != null;
    }

    void queue(byte[] bytes) {
        output.add(ByteBuffer.wrap(bytes));
    }

    /**
     * Writes {@code bytes} now if nothing is queued before them; what the socket does not take is queued. True when
     * everything has been written.
     */
    boolean writeNow(byte[] bytes) throws IOException {
        queue(bytes);
        return flush(System.nanoTime());
    }

    /** Writes queued output; true when everything has been written. */
    boolean flush(long nowNanos) throws IOException {
        while (!output.isEmpty()) {
            ByteBuffer b = output.peek();
            int n = io.write(b);
            if (n > 0) {
                lastActivityNanos = nowNanos;
            }
            if (b.hasRemaining()) {
                return false;
            }
            output.poll();
        }
        return io.flush();
    }

    boolean hasOutput() {
        return !output.isEmpty();
    }
}
