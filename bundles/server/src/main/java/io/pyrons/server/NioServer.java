package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.pyrons.api.PythonException;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;

/**
 * The transport: one selector thread accepts, reads and writes for every connection (TCP over IPv4/IPv6 or a
 * Unix domain socket, same code), and a fixed pool of workers runs the handler. An idle connection costs a
 * {@link Connection}, never a thread; a slow or silent client blocks nobody.
 */
final class NioServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.server");
    private static final int BACKLOG = 1024;
    private static final long SWEEP_MILLIS = 100;

    private final MessageCodec codec;
    private final RequestHandler handler;
    private final long handshakeTimeoutNanos;
    private final long commTimeoutNanos;
    private final int workerCount;
    private final Queue<Runnable> selectorTasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();

    private Selector selector;
    private ServerSocketChannel serverChannel;
    private SocketAddress boundAddress;
    private Path unixSocketPath;
    /** TLS for every accepted connection, or null for plain sockets. */
    private TlsContexts tls;
    private ExecutorService workers;
    private Thread selectorThread;
    private volatile boolean running;

    NioServer(MessageCodec codec, RequestHandler handler, Duration handshakeTimeout, Duration commTimeout, int workers) {
        this.codec = codec;
        this.handler = handler;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.commTimeoutNanos = commTimeout.toNanos();
        this.workerCount = workers;
    }

    /** Where to listen for the given settings: the Unix socket, or host:port ({@code ""} = all IPv4 interfaces, as Pyro4). */
    static SocketAddress bindAddress(DaemonSettings settings) throws IOException {
        if (!settings.unixSocket().isEmpty()) {
            return UnixDomainSocketAddress.of(settings.unixSocket());
        }
        InetAddress address = settings.host().isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(settings.host());
        return new InetSocketAddress(address, settings.port());
    }

    /**
     * Binds and starts serving, with TLS on every connection when {@code tls} is given; a bind failure (port in
     * use, a live server on the Unix socket) is an IOException that names the address.
     */
    synchronized SocketAddress start(SocketAddress address, String description, TlsContexts tls) throws IOException {
        ServerSocketChannel channel;
        this.tls = tls;
        if (address instanceof UnixDomainSocketAddress unix) {
            StaleUnixSocket.removeIfStale(unix);
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            InetSocketAddress inet = (InetSocketAddress) address;
            channel = ServerSocketChannel.open(inet.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        try {
            channel.bind(address, BACKLOG);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            String reason = e instanceof BindException ? e.getMessage() : e.toString();
            throw new IOException("cannot listen on " + description + ": " + reason, e);
        }
        serverChannel = channel;
        boundAddress = channel.getLocalAddress();
        if (address instanceof UnixDomainSocketAddress unix) {
            unixSocketPath = unix.getPath(); // ours now: removed again on close
        }
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "pyrons-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        selectorThread = new Thread(this::loop, "pyrons-selector " + description);
        selectorThread.setDaemon(true);
        selectorThread.start();
        return boundAddress;
    }

    SocketAddress boundAddress() {
        return boundAddress;
    }

    int workerCount() {
        return workerCount;
    }

    /** Open client connections (for tests and diagnostics). */
    int connectionCount() {
        return connections.get();
    }

    // ---- the selector thread

    private void loop() {
        long nextSweep = System.nanoTime();
        try {
            while (running) {
                selector.select(timeoutsEnabled() ? SWEEP_MILLIS : 0);
                long now = System.nanoTime();
                Runnable task;
                while ((task = selectorTasks.poll()) != null) {
                    task.run();
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept(now);
                    } else {
                        Connection c = (Connection) key.attachment();
                        if (key.isWritable()) {
                            writeOrWait(c, now);
                        }
                        if (key.isValid() && key.isReadable()) {
                            readable(c, now);
                        }
                    }
                }
                if (timeoutsEnabled() && now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
                }
            }
        } catch (ClosedSelectorException e) {
            // closed underneath us by close(): that is the way out
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "pyrons selector loop stopped: " + e, e);
        }
    }

    private boolean timeoutsEnabled() {
        return handshakeTimeoutNanos > 0 || commTimeoutNanos > 0;
    }

    private void accept(long now) {
        for (int i = 0; i < 256; i++) {
            SocketChannel ch;
            try {
                ch = serverChannel.accept();
                if (ch == null) {
                    return;
                }
                ch.configureBlocking(false);
                if (ch.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                SocketAddress remote = ch.getRemoteAddress();
                String peer = remote instanceof InetSocketAddress inet
                        ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : "unix socket";
                Transport io = tls == null ? new PlainTransport(ch) : new TlsTransport(ch, tls.newServerEngine());
                Connection c = new Connection(ch, io, peer, now);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                connections.incrementAndGet();
                LOG.log(Level.DEBUG, () -> "connected " + peer);
            } catch (IOException e) {
                // e.g. out of file descriptors: the pending client stays queued, the others keep being served
                LOG.log(Level.WARNING, "cannot accept a connection: " + e);
                return;
            }
        }
    }

    private void readable(Connection c, long now) {
        if (c.busy()) {
            // One request at a time per connection: the rest waits until its reply is out. Stop watching the input
            // (level-triggered, it would be reported again at once); the worker resumes it.
            if (c.state.compareAndSet(Connection.BUSY, Connection.BUSY_INPUT_WAITING)) {
                c.key.interestOps(0);
            }
            return;
        }
        Message msg;
        try {
            msg = c.read(codec, now);
        } catch (Connection.Closed e) {
            if (c.midMessage()) {
                LOG.log(Level.WARNING, "Pyro protocol error occurred: connection " + c.peer
                        + " closed in the middle of a message (truncated)");
            }
            close(c, "disconnected");
            return;
        } catch (IOException e) {
            close(c, e.toString());
            return;
        } catch (PythonException e) {
            apply(c, handler.undecodable(e, c.handshakeDone, c.peer), now);
            return;
        }
        if (msg == null) {
            waitForMore(c);
            return;
        }
        c.state.set(Connection.BUSY);
        if (!(c.io instanceof PlainTransport)) {
            c.key.interestOps(0); // TLS: only the selector thread touches the engine, replies go through it
        }
        // Plain sockets keep OP_READ: in the usual exchange (a client waits for each reply) the worker writes the
        // reply itself and the connection is readable again without waking this thread.
        boolean handshakeDone = c.handshakeDone;
        try {
            workers.execute(() -> work(c, msg, handshakeDone));
        } catch (RejectedExecutionException e) {
            close(c, "server shutting down");
        }
    }

    private void work(Connection c, Message msg, boolean handshakeDone) {
        Reply reply;
        try {
            reply = handshakeDone ? handler.request(msg, c.peer) : handler.handshake(msg, c.peer);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "error handling a request from " + c.peer + ": " + e, e);
            reply = Reply.close();
        }
        Reply done = reply;
        if (!(c.io instanceof PlainTransport) || done.next() == Reply.Next.CLOSE) {
            selectorTasks.add(() -> apply(c, done, System.nanoTime()));
            selector.wakeup();
        } else if (!writeDirectly(c, done)) {
            // the socket took part of the reply; the rest is queued on the connection: the selector finishes it
            Reply rest = new Reply(null, done.next(), null);
            selectorTasks.add(() -> apply(c, rest, System.nanoTime()));
            selector.wakeup();
        }
        if (done.afterwards() != null) {
            done.afterwards().run();
        }
    }

    /**
     * Writes a reply from the worker thread, which owns the connection while it is busy: one write system call and
     * no wake-up of the selector in the usual case. Returns false, having changed nothing, when the selector must
     * finish instead (the reply does not fit the socket buffer at once); a write error closes the connection.
     */
    private boolean writeDirectly(Connection c, Reply reply) {
        long now = System.nanoTime();
        try {
            if (reply.bytes() != null && !c.writeNow(reply.bytes())) {
                return false; // queued: the selector writes the rest and resumes reading
            }
        } catch (IOException e) {
            selectorTasks.add(() -> close(c, e.toString()));
            selector.wakeup();
            return true;
        }
        if (reply.next() == Reply.Next.CONNECTED) {
            c.handshakeDone = true;
        }
        c.lastActivityNanos = now;
        if (!c.state.compareAndSet(Connection.BUSY, Connection.IDLE)) {
            // the selector stopped watching the input meanwhile: let it resume and read what waits
            c.state.set(Connection.IDLE);
            selectorTasks.add(() -> {
                if (c.key.isValid() && !c.busy()) {
                    c.key.interestOps(SelectionKey.OP_READ);
                    readable(c, System.nanoTime());
                }
            });
            selector.wakeup();
        }
        return true;
    }

    private void apply(Connection c, Reply reply, long now) {
        if (!c.key.isValid()) {
            return;
        }
        c.state.set(Connection.IDLE);
        if (reply.next() == Reply.Next.CONNECTED) {
            c.handshakeDone = true;
        }
        c.closeAfterWrite = reply.next() == Reply.Next.CLOSE;
        if (reply.bytes() != null) {
            c.queue(reply.bytes());
        }
        c.lastActivityNanos = now;
        writeOrWait(c, now);
    }

    private void writeOrWait(Connection c, long now) {
        try {
            if (!c.flush(now)) {
                c.key.interestOps(SelectionKey.OP_WRITE);
            } else if (c.closeAfterWrite) {
                close(c, "closed after reply");
            } else if (c.busy()) {
                c.key.interestOps(0);
            } else {
                c.key.interestOps(SelectionKey.OP_READ);
                if (c.io.readPending()) {
                    readable(c, now); // TLS may already hold the next request: the selector will not report it
                }
            }
        } catch (IOException e) {
            close(c, e.toString());
        }
    }

    /** Mid-read: TLS handshake bytes that the socket did not take yet need OP_WRITE as well. */
    private void waitForMore(Connection c) {
        if (!c.key.isValid()) {
            return;
        }
        try {
            c.key.interestOps(c.io.flush() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            close(c, e.toString());
        }
    }

    private void sweep(long now) {
        for (SelectionKey key : selector.keys()) {
            if (!(key.attachment() instanceof Connection c) || !key.isValid() || c.busy()) {
                continue;
            }
            if (!c.handshakeDone && handshakeTimeoutNanos > 0 && now - c.acceptedNanos > handshakeTimeoutNanos) {
                close(c, "no handshake within the handshake timeout");
            } else if (commTimeoutNanos > 0 && now - c.lastActivityNanos > commTimeoutNanos) {
                close(c, "idle longer than the comm timeout");
            }
        }
    }

    private void close(Connection c, String why) {
        if (c.key != null && c.key.isValid()) {
            c.key.cancel();
            connections.decrementAndGet();
        }
        c.io.shutdown();
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        LOG.log(Level.DEBUG, () -> "connection " + c.peer + " closed: " + why);
    }

    // ---- shutdown

    @Override
    public synchronized void close() {
        if (!running && selector == null) {
            return;
        }
        running = false;
        if (selector != null) {
            selector.wakeup();
        }
        if (selectorThread != null) {
            try {
                selectorThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (selector != null) {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (unixSocketPath != null) {
            try {
                Files.deleteIfExists(unixSocketPath);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove unix socket " + unixSocketPath + ": " + e);
            }
        }
        connections.set(0);
        selector = null;
    }
}
