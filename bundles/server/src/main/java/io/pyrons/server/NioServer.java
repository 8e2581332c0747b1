package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.pyrons.api.PyroProtocol;


/**
 * The transport: a {@link Listener}, a few {@link IoLoop}s (one per core, each with its own selector and its
 * share of the connections) that read and write for every connection, and a pool of workers for the requests
 * that may take time. A request its target declares {@linkplain io.pyrons.api.expose.PyroObject#isQuick quick}
 * (a lookup in the memory store, a ping, the handshake) is answered on the I/O thread that read it; the others
 * run on a worker, which writes the reply itself when the socket takes it at once. An idle connection costs a
 * {@link Connection}, never a thread; a slow or silent client blocks nobody, and one connection occupies at most
 * one worker for its calls and one for its oneway calls. Messages still arriving or waiting for their answer
 * share one {@link MemoryBudget}.
 */
final class NioServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    /** How messages are read and answered; replaced as a whole when the configuration changes. */
    record Protocol(Map<PyroProtocol, RequestHandler> handlers) {
        Protocol {
            handlers = Map.copyOf(handlers);
        }

        /** The handler of a connection's protocol; Pyro4's while it is not known (its errors are Pyro4's). */
        RequestHandler handler(PyroProtocol protocol) {
            return handlers.get(protocol == null ? PyroProtocol.PYRO4 : protocol);
        }

        Framing framing(PyroProtocol protocol) {
            return handler(protocol).framing();
        }
    }

    private final int ioThreadCount;
    private final MemoryBudget budget;
    /** What to do with an Error after which the JVM cannot be trusted: by default, end the process. */
    private final BiConsumer<String, Throwable> fatal;
    private final ServerMetrics metrics;
    private final AtomicInteger connections = new AtomicInteger();
    /** Open connections by their protocol, counted from their first message on (requests: {@link ServerMetrics}). */
    private final Map<PyroProtocol, AtomicInteger> connectionsByProtocol = new EnumMap<>(PyroProtocol.class);
    private volatile Protocol protocol;
    private volatile long handshakeTimeoutNanos;
    private volatile long commTimeoutNanos;
    private volatile int workerCount;

    private IoLoop[] loops;
    private int nextLoop;
    private Listener listener;
    /** TLS for every accepted connection, or null for plain sockets. */
    private TlsContexts tls;
    private ThreadPoolExecutor workers;
    private volatile boolean running;

    NioServer(Protocol protocol, Duration handshakeTimeout, Duration commTimeout, int workers, MemoryBudget budget,
              BiConsumer<String, Throwable> fatal, ServerMetrics metrics) {
        for (PyroProtocol p : PyroProtocol.values()) {
            connectionsByProtocol.put(p, new AtomicInteger());
        }
        this.protocol = protocol;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.commTimeoutNanos = commTimeout.toNanos();
        this.workerCount = workers;
        this.budget = budget;
        this.fatal = fatal;
        this.metrics = metrics;
        this.ioThreadCount = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
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
    synchronized SocketAddress start(SocketAddress address, String description, TlsContexts tlsContexts) throws IOException {
        Listener bound = Listener.bind(address, description);
        IoLoop[] opened = new IoLoop[ioThreadCount];
        try {
            for (int i = 0; i < opened.length; i++) {
                opened[i] = new IoLoop(Selector.open(), this);
            }
            opened[0].acceptFor(bound);
        } catch (IOException e) {
            bound.close();
            for (IoLoop loop : opened) {
                if (loop != null) {
                    loop.stop();
                }
            }
            throw new IOException("cannot listen on " + description + ": " + e, e);
        }
        bound.serve(this);
        tls = tlsContexts;
        listener = bound;
        AtomicInteger n = new AtomicInteger();
        int count = workerCount;
        workers = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pyrons-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        loops = opened;
        for (int i = 0; i < loops.length; i++) {
            loops[i].start("pyrons-io-" + (i + 1) + " " + description);
        }
        return bound.boundAddress();
    }

    /**
     * Applies settings that need no new socket, to the requests read from now on; connections stay open.
     */
    synchronized void reconfigure(Protocol newProtocol, Duration handshakeTimeout, Duration commTimeout, int newWorkers) {
        protocol = newProtocol;
        handshakeTimeoutNanos = handshakeTimeout.toNanos();
        commTimeoutNanos = commTimeout.toNanos();
        if (newWorkers != workerCount) {
            workerCount = newWorkers;
            if (workers != null) {
                // the order keeps core <= maximum at every step
                if (newWorkers > workers.getMaximumPoolSize()) {
                    workers.setMaximumPoolSize(newWorkers);
                    workers.setCorePoolSize(newWorkers);
                } else {
                    workers.setCorePoolSize(newWorkers);
                    workers.setMaximumPoolSize(newWorkers);
                }
            }
        }
        // wake the loops so that a sweep interval that was off starts now
        IoLoop[] current = loops;
        if (current != null) {
            for (IoLoop loop : current) {
                loop.selector.wakeup();
            }
        }
    }

    SocketAddress boundAddress() {
        return listener == null ? null : listener.boundAddress();
    }

    int workerCount() {
        return workerCount;
    }

    /** Open client connections (for tests and diagnostics). */
    int connectionCount() {
        return connections.get();
    }

    Map<PyroProtocol, Integer> connectionsByProtocol() {
        Map<PyroProtocol, Integer> counts = new EnumMap<>(PyroProtocol.class);
        connectionsByProtocol.forEach((p, n) -> counts.put(p, n.get()));
        return counts;
    }

    /** On the connection's I/O thread: a message of {@code c}'s protocol was read, so its protocol is known. */
    void countProtocol(Connection c) {
        if (!c.protocolCounted) {
            c.protocolCounted = true;
            connectionsByProtocol.get(c.protocol()).incrementAndGet();
        }
    }

    ServerMetrics metrics() {
        return metrics;
    }

    Protocol protocol() {
        return protocol;
    }

    boolean running() {
        return running;
    }

    long handshakeTimeoutNanos() {
        return handshakeTimeoutNanos;
    }

    long commTimeoutNanos() {
        return commTimeoutNanos;
    }

    boolean timeoutsEnabled() {
        return handshakeTimeoutNanos > 0 || commTimeoutNanos > 0;
    }

    // ---- connections

    /** On the accepting loop: a new connection, dealt to the loops in turn. */
    void adopt(SocketChannel ch, long now) {
        try {
            ch.configureBlocking(false);
            if (ch.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            SocketAddress remote = ch.getRemoteAddress();
            String peer = remote instanceof InetSocketAddress inet
                    ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : "unix socket";
            Transport io = tls == null ? new PlainTransport(ch) : new TlsTransport(ch, tls.newServerEngine());
            IoLoop owner = loops[nextLoop];
            nextLoop = (nextLoop + 1) % loops.length;
            Connection c = new Connection(ch, io, peer, now, owner, budget, metrics);
            connections.incrementAndGet();
            metrics.accepted.increment();
            if (owner == loops[0]) {
                owner.register(c);
            } else {
                owner.execute(() -> owner.register(c));
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "connection lost while accepting it: " + e);
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    void close(Connection c, String why) {
        if (c.key != null && c.key.isValid()) {
            c.key.cancel();
        }
        if (c.markClosed()) {
            connections.decrementAndGet();
            if (c.protocolCounted) {
                connectionsByProtocol.get(c.protocol()).decrementAndGet();
            }
        }
        c.io.shutdown();
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        LOG.log(Level.DEBUG, () -> "connection " + c.peer + " closed: " + why);
    }

    // ---- workers

    /** On the I/O thread, which handed the connection over already: runs {@code request} on a worker. */
    void runOnWorker(Connection c, Supplier<Reply> request) {
        try {
            workers.execute(() -> work(c, request));
        } catch (RejectedExecutionException e) {
            close(c, "server shutting down");
        }
    }

    private void work(Connection c, Supplier<Reply> request) {
        try {
            Reply reply;
            try {
                reply = request.get();
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                LOG.log(Level.ERROR, "error handling a request from " + c.peer + ": " + e, e);
                reply = Reply.close();
            }
            if (reply.afterwards() == null) {
                deliver(c, reply);
            } else {
                Reply answer = reply;
                c.oneway().submit(reply.afterwards(), () -> deliver(c, answer));
            }
        } catch (VirtualMachineError e) {
            fatal(Thread.currentThread().getName(), e);
        }
    }

    /** On the worker: sends the reply and hands the connection back to its I/O thread. */
    private void deliver(Connection c, Reply reply) {
        IoLoop loop = c.loop;
        if (!(c.io instanceof PlainTransport) || reply.next() == Reply.Next.CLOSE) {
            loop.execute(() -> loop.serveAfter(c, reply));
        } else if (!writeDirectly(c, reply)) {
            // the socket took part of the reply; the rest is queued on the connection: the I/O thread finishes it
            Reply rest = new Reply(null, reply.next(), null);
            loop.execute(() -> loop.serveAfter(c, rest));
        }
    }

    /**
     * Writes a reply from the worker thread, which owns the connection while it is busy: one write system call and
     * no wake-up of the I/O thread in the usual case. Returns false, having changed nothing, when the I/O thread
     * must finish instead (the reply does not fit the socket buffer at once); a write error closes the connection.
     */
    private boolean writeDirectly(Connection c, Reply reply) {
        long now = System.nanoTime();
        try {
            if (reply.bytes() != null && !c.writeNow(reply.bytes())) {
                return false; // queued: the I/O thread writes the rest and resumes reading
            }
        } catch (IOException e) {
            c.loop.execute(() -> close(c, e.toString()));
            return true;
        }
        if (reply.next() == Reply.Next.CONNECTED) {
            c.handshakeDone = true;
        }
        c.lastActivityNanos = now;
        if (!c.backFromWorker()) {
            // the I/O thread stopped watching the input meanwhile, or input waits read ahead: let it resume
            c.loop.execute(() -> c.loop.resumeInput(c));
        }
        return true;
    }

    // ---- failures and shutdown

    /**
     * An Error no thread can recover from (out of memory, most likely) on a thread the server cannot do without:
     * the process ends rather than keep its port open serving nobody.
     */
    void fatal(String where, Throwable error) {
        fatal.accept(where, error);
    }

    /** The default fatal handler: says why on stderr (which needs no memory of its own to speak of), then halts. */
    static void halt(String where, Throwable error) {
        try {
            System.err.println("pyrons: fatal error on " + where + ": " + error + "; exiting");
            LOG.log(Level.ERROR, "fatal error on " + where + "; exiting", error);
        } finally {
            Runtime.getRuntime().halt(70);
        }
    }

    @Override
    public synchronized void close() {
        if (!running && loops == null) {
            return;
        }
        running = false;
        if (listener != null) {
            listener.close();
        }
        if (loops != null) {
            for (IoLoop loop : loops) {
                loop.stop();
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
        connections.set(0);
        connectionsByProtocol.values().forEach(n -> n.set(0));
        loops = null;
    }
}
