package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The listening socket: binds (TCP over IPv4/IPv6 or a Unix domain socket), accepts on the first I/O loop and
 * deals new connections to the loops in turn. When accepting fails (out of file descriptors, most likely) it stops
 * accepting for a while, 100 ms doubling up to a second, and says so the first time and then at most every ten
 * seconds: the pending client waits in the backlog instead of the loop spinning on it and flooding the log.
 */
final class Listener implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.server");
    private static final int BACKLOG = 1024;
    /** Connections taken per accept turn before the loop serves the others. */
    private static final int ACCEPTS_PER_TURN = 256;
    static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** While accepting keeps failing, it is said again (with a count) at most this often. */
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel channel;
    private final SocketAddress bound;
    /** Ours once bound: removed again on close. */
    private final Path unixSocketPath;
    private NioServer server;
    private SelectionKey key;
    /** The current pause after a failed accept, 0 while accepting works. */
    private long pauseNanos;
    private long resumeAt;
    private boolean paused;
    /** Failed accepts since the last warning. */
    private int failures;
    private long lastWarningNanos;
    private boolean warned;

    private Listener(ServerSocketChannel channel, Path unixSocketPath) throws IOException {
        this.channel = channel;
        this.bound = channel.getLocalAddress();
        this.unixSocketPath = unixSocketPath;
    }

    /**
     * Binds {@code address}; a failure (port in use, a live server on the Unix socket, a path that is no socket)
     * is an IOException that names the address as {@code description}.
     */
    static Listener bind(SocketAddress address, String description) throws IOException {
        ServerSocketChannel channel;
        Path unixPath = null;
        if (address instanceof UnixDomainSocketAddress unix) {
            StaleUnixSocket.removeIfStale(unix); // its IOExceptions name the path already
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            unixPath = unix.getPath();
        } else {
            InetSocketAddress inet = (InetSocketAddress) address;
            channel = ServerSocketChannel.open(inet.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        try {
            channel.bind(address, BACKLOG);
            channel.configureBlocking(false);
            return new Listener(channel, unixPath);
        } catch (IOException e) {
            channel.close();
            String reason = e instanceof BindException ? e.getMessage() : e.toString();
            throw new IOException("cannot listen on " + description + ": " + reason, e);
        }
    }

    SocketAddress boundAddress() {
        return bound;
    }

    /** On the accepting loop, before it starts. */
    void register(Selector selector) throws IOException {
        key = channel.register(selector, SelectionKey.OP_ACCEPT);
    }

    void serve(NioServer s) {
        server = s;
    }

    /** On the accepting loop: takes the waiting connections and deals them to the loops. */
    void accept(long now) {
        for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
            SocketChannel ch;
            try {
                ch = channel.accept();
            } catch (IOException e) {
                pause(now, e);
                return;
            }
            if (ch == null) {
                return;
            }
            pauseNanos = 0;
            server.adopt(ch, now);
        }
    }

    private void pause(long now, IOException e) {
        pauseNanos = pauseNanos == 0 ? FIRST_PAUSE_NANOS : Math.min(LONGEST_PAUSE_NANOS, pauseNanos * 2);
        resumeAt = now + pauseNanos;
        paused = true;
        if (key.isValid()) {
            key.interestOps(0);
        }
        failures++;
        if (!warned || now - lastWarningNanos >= WARNING_INTERVAL_NANOS) {
            LOG.log(Level.WARNING, "cannot accept a connection: " + e.getMessage()
                    + (failures > 1 ? " (" + failures + " times since the last warning)" : "")
                    + "; not accepting for " + TimeUnit.NANOSECONDS.toMillis(pauseNanos) + " ms");
            lastWarningNanos = now;
            warned = true;
            failures = 0;
        }
    }

    /** Milliseconds until accepting resumes (at least 1), or 0 when it is not paused. */
    long millisUntilResume(long now) {
        return paused ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(resumeAt - now) + 1) : 0;
    }

    void resumeIfDue(long now) {
        if (paused && now - resumeAt >= 0) {
            paused = false;
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (unixSocketPath != null) {
            try {
                Files.deleteIfExists(unixSocketPath);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove unix socket " + unixSocketPath + ": " + e);
            }
        }
    }
}
