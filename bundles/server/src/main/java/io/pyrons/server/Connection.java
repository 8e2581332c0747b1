package io.pyrons.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.pyrons.api.PyroProtocol;
import io.pyrons.protocol.Message;

/**
 * One client connection: its messages coming in ({@link MessageReader}), its replies going out, and who owns it.
 * At most one request is in flight: reading pauses from a complete message until its reply has been written.
 * Its {@link IoLoop} owns it while idle; the worker that runs its request owns it while busy and hands it back.
 * Those hand-overs are this class's methods, the only writers of {@link #state}.
 */
final class Connection {
    /** Owned by its I/O thread: reading, quick requests, sweeping. */
    private static final int IDLE = 0;
    /** A worker runs the request; reading waits. */
    private static final int BUSY = 1;
    /** Busy, and the selector saw more input meanwhile and stopped watching for it: the worker must wake it. */
    private static final int BUSY_INPUT_WAITING = 2;

    final SocketChannel channel;
    final Transport io;
    final String peer;
    /** The I/O thread that reads and writes this connection. */
    final IoLoop loop;
    SelectionKey key;
    /** Set once by whoever closes it first. */
    final AtomicBoolean closed = new AtomicBoolean();
    volatile boolean handshakeDone;
    /** Counted in its protocol's open connections (from its first message on); the I/O thread's. */
    volatile boolean protocolCounted;
    boolean closeAfterWrite;
    volatile long lastActivityNanos;
    final long acceptedNanos;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final MessageReader reader;
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
    /** Created by the first oneway call. */
    private OnewayCalls oneway;
    private final ServerMetrics metrics;

    Connection(SocketChannel channel, Transport io, String peer, long nowNanos, IoLoop loop, MemoryBudget budget,
               ServerMetrics metrics) {
        this.channel = channel;
        this.io = io;
        this.peer = peer;
        this.loop = loop;
        this.acceptedNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
        this.metrics = metrics;
        this.reader = new MessageReader(budget, metrics.bytesIn);
    }

    // ---- who owns it

    boolean busy() {
        return state.get() != IDLE;
    }

    /** On the I/O thread: a worker takes the request; reading waits until it hands the connection back. */
    void handToWorker() {
        state.set(BUSY);
    }

    /**
     * On the I/O thread, which saw input while a worker owns the connection: true when the worker has not handed it
     * back meanwhile, so the I/O thread must stop watching the input and leave resuming it to the worker.
     */
    boolean pauseInput() {
        return state.compareAndSet(BUSY, BUSY_INPUT_WAITING);
    }

    /** On the I/O thread: its reply is being sent from here, the connection is the I/O thread's again. */
    void backOnIoThread() {
        reader.release();
        state.set(IDLE);
    }

    /**
     * On the worker, which wrote the reply itself: hands the connection back to its I/O thread. True when the I/O
     * thread needs no telling: it still watches the input and nothing was read ahead.
     */
    boolean backFromWorker() {
        // read while this thread still owns the connection: once idle, the I/O thread may be reading it
        boolean inputWaits = reader.hasBufferedInput();
        reader.release();
        if (state.compareAndSet(BUSY, IDLE) && !inputWaits) {
            return true;
        }
        state.set(IDLE);
        return false;
    }

    /** This connection's oneway calls, which run one after another. */
    synchronized OnewayCalls oneway() {
        if (oneway == null) {
            oneway = new OnewayCalls();
        }
        return oneway;
    }

    // ---- input

    /**
     * Reads what is available; returns a complete message or {@code null} when more bytes are needed. Protocol
     * violations surface as the codec's PythonExceptions. {@code scratch} belongs to the calling I/O thread.
     */
    Message read(NioServer.Protocol framings, long nowNanos, ByteBuffer scratch) throws IOException {
        Message message = reader.read(io, framings, scratch);
        if (reader.tookInput()) {
            lastActivityNanos = nowNanos;
        }
        return message;
    }

    /** The protocol its client speaks, known from its first bytes on (null before). */
    PyroProtocol protocol() {
        return reader.protocol();
    }

    /** Whether input taken off the socket waits here: the selector will not report it again. */
    boolean hasBufferedInput() {
        return reader.hasBufferedInput();
    }

    /** Whether a message has started arriving but is not complete. */
    boolean midMessage() {
        return reader.midMessage();
    }

    // ---- output

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
                metrics.bytesOut.add(n);
            }
            if (b.hasRemaining()) {
                return false;
            }
            output.poll();
        }
        return io.flush();
    }

    // ---- closing

    /** Marks it closed and gives its memory back; true for the first caller only. */
    boolean markClosed() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        reader.discard();
        return true;
    }
}
