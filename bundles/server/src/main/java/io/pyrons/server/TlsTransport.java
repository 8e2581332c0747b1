package io.pyrons.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine}: the handshake is driven from {@link #read} (the
 * client speaks first), application bytes are wrapped in {@link #write}, and whatever the engine wants to send
 * waits in {@code netOut} until the socket takes it. Delegated tasks (certificate checks) run inline: they are
 * short and keep every engine call on the connection's I/O thread.
 */
final class TlsTransport implements Transport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Each round either makes progress or returns; the bound only guards against an engine that does neither. */
    private static final int MAX_ROUNDS = 1000;

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Write mode: encrypted bytes from the socket, not yet unwrapped. */
    private ByteBuffer netIn;
    /** Read mode: decrypted bytes not yet delivered. */
    private ByteBuffer appIn;
    /** Read mode: encrypted bytes not yet written to the socket. */
    private ByteBuffer netOut;
    private boolean needMoreInput = true;
    private boolean inboundDone;

    TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        var session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize()).flip();
        netOut = ByteBuffer.allocate(session.getPacketBufferSize()).flip();
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (appIn.hasRemaining()) {
                return transfer(appIn, dst);
            }
            if (inboundDone) {
                return -1;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                if (!wrap(EMPTY)) {
                    return 0; // the socket is full: OP_WRITE will bring us back
                }
                continue;
            }
            if (needMoreInput || netIn.position() == 0) {
                int n = channel.read(netIn);
                if (n < 0) {
                    inboundDone = true;
                    return -1;
                }
                if (n == 0) {
                    return 0;
                }
                needMoreInput = false;
            }
            unwrap();
        }
        return 0;
    }

    private void unwrap() throws IOException {
        netIn.flip();
        appIn.compact();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } catch (SSLException e) {
            sendAlert();
            throw e;
        } finally {
            appIn.flip();
            netIn.compact();
        }
        switch (result.getStatus()) {
            case OK -> {
                // more records may already be in netIn; the next round unwraps them
            }
            case BUFFER_UNDERFLOW -> {
                needMoreInput = true;
                int packet = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < packet) {
                    netIn = grow(netIn, packet, false);
                } else if (!netIn.hasRemaining()) {
                    throw new SSLException("TLS record larger than the packet buffer");
                }
            }
            case BUFFER_OVERFLOW -> appIn = grow(appIn, appIn.capacity() + engine.getSession().getApplicationBufferSize(), true);
            case CLOSED -> {
                inboundDone = true;
                wrapQuietly(); // our close_notify in answer
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int taken = 0;
        for (int round = 0; round < MAX_ROUNDS && src.hasRemaining(); round++) {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            int before = src.remaining();
            if (!wrap(src)) {
                break;
            }
            int consumed = before - src.remaining();
            taken += consumed;
            if (consumed == 0 && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                break; // the engine waits for the peer (renegotiation): reading will move it on
            }
        }
        return taken;
    }

    /** Wraps {@code src} (or handshake data) into netOut and pushes it; false when old output still blocks. */
    private boolean wrap(ByteBuffer src) throws IOException {
        if (!flush()) {
            return false;
        }
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> netOut = grow(netOut, netOut.capacity() + engine.getSession().getPacketBufferSize(), true);
            case CLOSED -> {
                if (src != EMPTY && src.hasRemaining()) {
                    flush();
                    throw new SSLException("TLS session closed");
                }
            }
            default -> {
                // OK, or BUFFER_UNDERFLOW which wrap does not report
            }
        }
        flush();
        return true;
    }

    @Override
    public boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean readPending() {
        HandshakeStatus status = engine.getHandshakeStatus();
        return appIn.hasRemaining() || (netIn.position() > 0 && !needMoreInput)
                || status == HandshakeStatus.NEED_WRAP || status == HandshakeStatus.NEED_TASK;
    }

    @Override
    public void shutdown() {
        engine.closeOutbound();
        wrapQuietly();
    }

    /** After a failed handshake the engine holds an alert that tells the client why; send it if the socket takes it. */
    private void sendAlert() {
        wrapQuietly();
    }

    private void wrapQuietly() {
        try {
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                wrap(EMPTY);
            }
            flush();
        } catch (IOException | RuntimeException e) {
            // best effort: the connection is closing anyway
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static int transfer(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        ByteBuffer slice = from.slice(from.position(), n);
        to.put(slice);
        from.position(from.position() + n);
        return n;
    }

    /** A bigger buffer with the same content; {@code readMode} buffers keep their remaining bytes readable. */
    private static ByteBuffer grow(ByteBuffer buffer, int capacity, boolean readMode) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buffer.capacity()));
        if (readMode) {
            bigger.put(buffer).flip();
        } else {
            buffer.flip();
            bigger.put(buffer);
        }
        return bigger;
    }
}
