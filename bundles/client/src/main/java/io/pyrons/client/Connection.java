package io.pyrons.client;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import io.pyrons.api.ConnectionClosedError;
import io.pyrons.api.TimeoutError;

/**
 * One client socket, TCP or Unix domain, on one code path: a non-blocking {@link SocketChannel} with a
 * selector, so that Pyro4's per-operation timeout ({@code COMMTIMEOUT}) applies to connect, send and receive
 * alike. Errors carry Pyro4's messages ({@code receiving: timeout}, {@code receiving: not enough data}, ...).
 * Not thread-safe: the proxy serializes its use.
 */
final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;

    private Connection(SocketChannel channel, Selector selector, long timeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.timeoutMillis = timeoutMillis;
    }

    /** Connects to a TCP host/port or a Unix socket path; {@code timeout} zero waits forever. */
    static Connection open(SocketAddress address, Duration timeout) throws IOException {
        long millis = timeout.isZero() ? 0 : Math.max(1, timeout.toMillis());
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = null;
        try {
            selector = Selector.open();
            channel.configureBlocking(false);
            if (!channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(millis) == 0) {
                    throw new java.net.SocketTimeoutException("timed out");
                }
                channel.finishConnect();
            }
            return new Connection(channel, selector, millis);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** Sends all of {@code data}. */
    void send(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0 && !await(SelectionKey.OP_WRITE)) {
                    throw new TimeoutError("sending: timeout");
                }
            }
        } catch (IOException e) {
            throw new ConnectionClosedError("sending: connection lost: " + e.getMessage());
        }
    }

    /** Reads exactly {@code size} bytes. */
    ByteBuffer receive(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer);
                if (n < 0) {
                    throw new ConnectionClosedError("receiving: not enough data");
                }
                if (n == 0 && !await(SelectionKey.OP_READ)) {
                    throw new TimeoutError("receiving: timeout");
                }
            }
        } catch (IOException e) {
            throw new ConnectionClosedError("receiving: connection lost: " + e.getMessage());
        }
        return buffer.flip();
    }

    /** Waits until the channel is ready for {@code op}; false on timeout. */
    private boolean await(int op) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            key = channel.register(selector, op);
        } else {
            key.interestOps(op);
        }
        selector.selectedKeys().clear();
        return selector.select(timeoutMillis) > 0 || timeoutMillis == 0;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken: nothing left to release
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // as above
        }
    }
}
