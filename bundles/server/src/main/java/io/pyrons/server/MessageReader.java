package io.pyrons.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

import io.pyrons.api.MessageTooLargeError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.protocol.FrameHeader;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.Pyro5Header;
import io.pyrons.protocol.WireProtocols;

/**
 * Reassembles one connection's messages from whatever its transport delivers. A body is allocated by what has
 * arrived, not by what its header announces: it starts small and doubles as bytes come in, and every byte of it
 * beyond {@link #FREE_BODY} is reserved from the server's {@link MemoryBudget} before it is allocated, so a client
 * that announces a gigabyte costs nothing until it sends one, and all clients together cannot fill the heap.
 * The connection's protocol (Pyro4 or Pyro5) is found from the first six bytes of its first message
 * ({@link WireProtocols#detect}) and frames every message after it.
 * Owned by the connection's I/O thread (or the worker running its call, which does not read).
 */
final class MessageReader {
    /** Bodies start at this size and grow as bytes arrive. */
    private static final int INITIAL_BODY = 16 * 1024;
    /**
     * Body bytes a connection may hold without a reservation: the usual request fits, and the quick path never
     * touches the shared budget. Bounded per connection, like the header buffer.
     */
    static final int FREE_BODY = 64 * 1024;
    /** The largest array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final MemoryBudget budget;
    /** Room for the larger header of the two protocols. */
    private final ByteBuffer header = ByteBuffer.allocate(Pyro5Header.SIZE);
    /** Found from the first message's first bytes; null until then. */
    private volatile PyroProtocol protocol;
    private FrameHeader pending;
    /** Input read beyond the last complete message, or null. */
    private ByteBuffer carry;
    private byte[] body;
    private int bodyFill;
    /** Taken from the budget for the message under way or waiting for its answer. */
    private long reserved;
    /** Whether the last {@link #read} took bytes off the socket. */
    private boolean tookInput;

    /** Where every byte taken off the socket is counted. */
    private final LongAdder bytesIn;

    MessageReader(MemoryBudget budget, LongAdder bytesIn) {
        this.budget = budget;
        this.bytesIn = bytesIn;
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
     * Protocol violations surface as the codec's PythonExceptions, a spent budget as a MessageTooLargeError.
     * {@code scratch} belongs to the calling I/O thread: one read system call takes header and body of a usual
     * request together; bytes beyond the message (a client that sent its next request early) are kept for the
     * next call, see {@link #hasBufferedInput}.
     */
    Message read(Transport io, NioServer.Protocol framings, ByteBuffer scratch) throws IOException {
        tookInput = false;
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
            bytesIn.add(scratch.remaining());
            tookInput = true;
            in = scratch;
        }
        Message message = take(io, framings, in);
        if (!in.hasRemaining()) {
            carry = null;
        } else if (in == scratch) {
            carry = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }
        return message;
    }

    /** The connection's protocol, or null before its first bytes arrived. */
    PyroProtocol protocol() {
        return protocol;
    }

    /** Whether the last {@link #read} took bytes off the socket: the client is alive. */
    boolean tookInput() {
        return tookInput;
    }

    /** Whether input taken off the socket waits here: the selector will not report it again. */
    boolean hasBufferedInput() {
        return carry != null;
    }

    /** Whether a message has started arriving but is not complete. */
    boolean midMessage() {
        return pending != null || header.position() > 0 || carry != null;
    }

    /**
     * Gives back what the last message reserved: it has been answered. Usual messages reserve nothing and take no
     * lock here; the lock orders a worker's release against a close on the I/O thread.
     */
    void release() {
        if (reserved > 0) {
            synchronized (this) {
                budget.release(reserved);
                reserved = 0;
            }
        }
    }

    /** The connection is closed: drops the message under way and gives back its memory. */
    synchronized void discard() {
        pending = null;
        body = null;
        carry = null;
        release();
    }

    /** Continues the message under way with {@code in}, then with the socket for a body bigger than {@code in}. */
    private Message take(Transport io, NioServer.Protocol framings, ByteBuffer in) throws IOException {
        Framing framing = null;
        if (pending == null) {
            if (protocol == null) {
                header.limit(WireProtocols.DETECTION_BYTES);
                copy(in, header);
                if (header.hasRemaining()) {
                    return null;
                }
                protocol = WireProtocols.detect(header.duplicate().flip());
            }
            header.limit(WireProtocols.headerSize(protocol));
            copy(in, header);
            if (header.hasRemaining()) {
                return null;
            }
            header.flip();
            framing = framings.framing(protocol);
            FrameHeader next = framing.decodeHeader(header);
            header.clear();
            refuseIfItCannotFit(next.bodyLength(), framing.maxMessageSize());
            pending = next;
            bodyFill = 0;
            body = allocate(Math.min(pending.bodyLength(), Math.max(INITIAL_BODY, in.remaining())));
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
            tookInput = true;
            bytesIn.add(n);
            bodyFill += n;
        }
        FrameHeader complete = pending;
        byte[] bytes = body;
        pending = null;
        body = null;
        if (framing == null) {
            framing = framings.framing(protocol);
        }
        return framing.decodeBody(complete, ByteBuffer.wrap(bytes, 0, (int) complete.bodyLength()));
    }

    /** A body that could never be held is refused at its header, before a byte of it is read. */
    private void refuseIfItCannotFit(long bodyLength, int maxMessageSize) {
        long limit = Math.min(MAX_ARRAY, budget.capacity() + FREE_BODY);
        if (bodyLength > limit) {
            throw new MessageTooLargeError("max message size exceeded (%d where max=%d)".formatted(bodyLength,
                    maxMessageSize > 0 ? Math.min(maxMessageSize, limit) : limit));
        }
    }

    /** Grows the body towards its announced length as bytes arrive. */
    private void ensureBody(int needed) {
        if (needed > body.length) {
            long grown = Math.min(pending.bodyLength(), Math.max(needed, (long) body.length * 2));
            byte[] bigger = allocate(grown);
            System.arraycopy(body, 0, bigger, 0, bodyFill);
            body = bigger;
        }
    }

    /** A body buffer of {@code size} bytes, its part beyond {@link #FREE_BODY} reserved first. */
    private byte[] allocate(long size) {
        long needed = Math.max(0, size - FREE_BODY) - reserved;
        if (needed > 0) {
            if (!budget.tryReserve(needed)) {
                throw new MessageTooLargeError("out of memory for incoming messages: %d more bytes needed, %d of %d in use"
                        .formatted(needed, budget.reserved(), budget.capacity()));
            }
            reserved += needed;
        }
        return new byte[(int) size];
    }

    private static void copy(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        to.put(to.position(), from, from.position(), n);
        to.position(to.position() + n);
        from.position(from.position() + n);
    }
}
