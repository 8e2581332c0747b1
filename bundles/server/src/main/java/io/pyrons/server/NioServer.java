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
import java.nio.ByteBuffer;
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
import java.util.function.Supplier;

import io.pyrons.api.PythonException;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;

/**
 * The transport: a few I/O threads (one per core, each with its own selector and its share of the connections)
 * accept, read and write for every connection (TCP over IPv4/IPv6 or a Unix domain socket, same code), and a
 * fixed pool of workers runs the requests that may take time. A request its target declares
 * {@linkplain io.pyrons.api.expose.PyroObject#isQuick quick} (a lookup in the memory store, a ping, the
 * handshake) is answered on the I/O thread that read it: read, answer, write, with no hand-off between threads.
 * An idle connection costs a {@link Connection}, never a thread; a slow or silent client blocks nobody.
 */
final class NioServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.server");
    private static final int BACKLOG = 1024;
    private static final long SWEEP_MILLIS = 100;
    /** Bigger messages are decoded on a worker: decoding takes time in proportion to the size. */
    private static final int INLINE_DECODE_LIMIT = 64 * 1024;
    /** Requests one connection may have answered in a row before the I/O thread turns to the others. */
    private static final int MESSAGES_PER_TURN = 16;
    /** How long an I/O thread that just answered a request itself polls for the next before it sleeps in the selector. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** One read takes up to this much of a connection's input. */
    private static final int READ_BUFFER = 64 * 1024;

    private final MessageCodec codec;
    private final RequestHandler handler;
    private final long handshakeTimeoutNanos;
    private final long commTimeoutNanos;
    private final int workerCount;
    private final int ioThreadCount;
    private final AtomicInteger connections = new AtomicInteger();

    private IoLoop[] loops;
    private int nextLoop;
    private ServerSocketChannel serverChannel;
    private SocketAddress boundAddress;
    private Path unixSocketPath;
    /** TLS for every accepted connection, or null for plain sockets. */
    private TlsContexts tls;
    private ExecutorService workers;
    private volatile boolean running;

    NioServer(MessageCodec codec, RequestHandler handler, Duration handshakeTimeout, Duration commTimeout, int workers) {
        this.codec = codec;
        this.handler = handler;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.commTimeoutNanos = commTimeout.toNanos();
        this.workerCount = workers;
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
        IoLoop[] opened = new IoLoop[ioThreadCount];
        try {
            channel.bind(address, BACKLOG);
            channel.configureBlocking(false);
            for (int i = 0; i < opened.length; i++) {
                opened[i] = new IoLoop(Selector.open());
            }
            channel.register(opened[0].selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            channel.close();
            for (IoLoop loop : opened) {
                if (loop != null) {
                    loop.selector.close();
                }
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
        loops = opened;
        for (int i = 0; i < loops.length; i++) {
            loops[i].start("pyrons-io-" + (i + 1) + " " + description);
        }
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

    private boolean timeoutsEnabled() {
        return handshakeTimeoutNanos > 0 || commTimeoutNanos > 0;
    }

    /**
     * One I/O thread: its selector, the connections registered with it, and the tasks other threads hand it
     * (a reply to send, input to resume). Only this thread reads a connection or touches its selection key while
     * the connection is {@link Connection#IDLE}.
     */
    final class IoLoop {
        final Selector selector;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** Where this thread's reads land first; see {@link Connection#read}. */
        private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
        /**
         * Whether the last round answered a request on this thread: only then is the client's next request worth
         * polling for. After a hand-off the reply comes from a worker, later; polling would take the CPU from it.
         */
        private boolean answeredHere;
        private Thread thread;

        IoLoop(Selector selector) {
            this.selector = selector;
        }

        void start(String name) {
            thread = new Thread(this::loop, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Runs {@code task} on this I/O thread. */
        void execute(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        private void loop() {
            long nextSweep = System.nanoTime();
            try {
                while (running) {
                    if (!(answeredHere && pollBriefly())) {
                        selector.select(timeoutsEnabled() ? SWEEP_MILLIS : 0);
                    }
                    answeredHere = false;
                    long now = System.nanoTime();
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
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
                                resumeAfterWrite(c, now);
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
                LOG.log(Level.ERROR, "pyrons I/O loop stopped: " + e, e);
            }
        }

        /**
         * Polls without sleeping for up to {@link #SPIN_NANOS}; true once something is ready. A client that waits
         * for each reply sends its next request within tens of microseconds of the answer: catching it here spares
         * the sleep and wake-up of this thread in the kernel, which costs more CPU than the polling and adds to
         * every round trip.
         */
        private boolean pollBriefly() throws IOException {
            long until = System.nanoTime() + SPIN_NANOS;
            do {
                if (selector.selectNow() > 0 || !tasks.isEmpty()) {
                    return true;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - until < 0);
            return false;
        }

        /** On the first loop, which owns the listening socket: new connections go to the loops in turn. */
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
                    IoLoop owner = loops[nextLoop];
                    nextLoop = (nextLoop + 1) % loops.length;
                    Connection c = new Connection(ch, io, peer, now, owner);
                    connections.incrementAndGet();
                    if (owner == this) {
                        owner.register(c);
                    } else {
                        owner.execute(() -> owner.register(c));
                    }
                } catch (IOException e) {
                    // e.g. out of file descriptors: the pending client stays queued, the others keep being served
                    LOG.log(Level.WARNING, "cannot accept a connection: " + e);
                    return;
                }
            }
        }

        private void register(Connection c) {
            try {
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                LOG.log(Level.DEBUG, () -> "connected " + c.peer);
            } catch (IOException e) {
                close(c, e.toString());
            }
        }

        /**
         * Serves what the connection sent: each complete request in turn, quick ones right here, until it is
         * handed to a worker, needs more input, or had its turn (the rest is served after the other connections).
         */
        private void readable(Connection c, long now) {
            if (c.busy()) {
                // One request at a time per connection: the rest waits until its reply is out. Stop watching the
                // input (level-triggered, it would be reported again at once); the worker resumes it.
                if (c.state.compareAndSet(Connection.BUSY, Connection.BUSY_INPUT_WAITING)) {
                    c.key.interestOps(0);
                }
                return;
            }
            for (int i = 0; i < MESSAGES_PER_TURN; i++) {
                if (!serveOne(c, now)) {
                    return;
                }
            }
            execute(() -> {
                if (c.key.isValid() && !c.busy()) {
                    readable(c, System.nanoTime());
                }
            });
        }

        /** Reads and serves one message; true when the connection is idle again and more input already waits. */
        private boolean serveOne(Connection c, long now) {
            Message msg;
            try {
                msg = c.read(codec, now, readBuffer);
            } catch (Connection.Closed e) {
                if (c.midMessage()) {
                    LOG.log(Level.WARNING, "Pyro protocol error occurred: connection " + c.peer
                            + " closed in the middle of a message (truncated)");
                }
                close(c, "disconnected");
                return false;
            } catch (IOException e) {
                close(c, e.toString());
                return false;
            } catch (PythonException e) {
                apply(c, handler.undecodable(e, c.handshakeDone, c.peer), now);
                return false;
            }
            if (msg == null) {
                waitForMore(c);
                return false;
            }
            boolean handshakeDone = c.handshakeDone;
            if (msg.data().length > INLINE_DECODE_LIMIT) {
                handOff(c, () -> handshakeDone ? handler.request(msg, c.peer) : handler.handshake(msg, c.peer));
                return false;
            }
            Reply reply;
            try {
                if (handshakeDone) {
                    RequestHandler.Call call = handler.prepare(msg, c.peer);
                    if (!call.quick()) {
                        handOff(c, call::run);
                        return false;
                    }
                    reply = call.run();
                } else {
                    reply = handler.handshake(msg, c.peer);
                }
            } catch (RuntimeException | Error e) {
                // the handler answers every failure of a call itself; this is a bug, and it must not stop the thread
                LOG.log(Level.ERROR, "error handling a request from " + c.peer + ": " + e, e);
                reply = Reply.close();
            }
            answeredHere = true;
            return apply(c, reply, now);
        }

        private void handOff(Connection c, Supplier<Reply> request) {
            c.state.set(Connection.BUSY);
            if (!(c.io instanceof PlainTransport)) {
                c.key.interestOps(0); // TLS: only the I/O thread touches the engine, replies go through it
            }
            // Plain sockets keep OP_READ: in the usual exchange (a client waits for each reply) the worker writes
            // the reply itself and the connection is readable again without waking this thread.
            try {
                workers.execute(() -> work(c, request));
            } catch (RejectedExecutionException e) {
                close(c, "server shutting down");
            }
        }

        /**
         * Sends a reply on this thread; true when the connection is idle again and input already waits (read
         * along with the last request, or held by TLS), which the selector will not report.
         */
        private boolean apply(Connection c, Reply reply, long now) {
            if (!c.key.isValid()) {
                return false;
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
            return writeOrWait(c, now) && (c.hasBufferedInput() || c.io.readPending());
        }

        /** Writes what is queued; true when all went out and the connection reads again. */
        private boolean writeOrWait(Connection c, long now) {
            try {
                if (!c.flush(now)) {
                    c.key.interestOps(SelectionKey.OP_WRITE);
                } else if (c.closeAfterWrite) {
                    close(c, "closed after reply");
                } else if (c.busy()) {
                    c.key.interestOps(0);
                } else {
                    c.key.interestOps(SelectionKey.OP_READ);
                    return true;
                }
            } catch (IOException e) {
                close(c, e.toString());
            }
            return false;
        }

        /** The selector reported the socket writable: the rest of a reply went out, so serve what waits. */
        private void resumeAfterWrite(Connection c, long now) {
            if (writeOrWait(c, now) && (c.hasBufferedInput() || c.io.readPending())) {
                readable(c, now);
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

        private void stop() {
            if (thread != null) {
                selector.wakeup();
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
    }

    // ---- workers

    private void work(Connection c, Supplier<Reply> request) {
        Reply reply;
        try {
            reply = request.get();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "error handling a request from " + c.peer + ": " + e, e);
            reply = Reply.close();
        }
        Reply done = reply;
        IoLoop loop = c.loop;
        if (!(c.io instanceof PlainTransport) || done.next() == Reply.Next.CLOSE) {
            loop.execute(() -> serveAfter(c, done));
        } else if (!writeDirectly(c, done)) {
            // the socket took part of the reply; the rest is queued on the connection: the I/O thread finishes it
            Reply rest = new Reply(null, done.next(), null);
            loop.execute(() -> serveAfter(c, rest));
        }
        if (done.afterwards() != null) {
            done.afterwards().run();
        }
    }

    /** On the connection's I/O thread: sends a worker's reply, then serves input that waits. */
    private static void serveAfter(Connection c, Reply reply) {
        IoLoop loop = c.loop;
        long now = System.nanoTime();
        if (loop.apply(c, reply, now)) {
            loop.readable(c, now);
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
        // read while this thread still owns the connection: once IDLE, the I/O thread may be reading it
        boolean inputWaits = c.hasBufferedInput();
        if (!c.state.compareAndSet(Connection.BUSY, Connection.IDLE) || inputWaits) {
            // the I/O thread stopped watching the input meanwhile, or holds it already: let it resume and serve it
            c.state.set(Connection.IDLE);
            c.loop.execute(() -> {
                if (c.key.isValid() && !c.busy()) {
                    c.key.interestOps(SelectionKey.OP_READ);
                    c.loop.readable(c, System.nanoTime());
                }
            });
        }
        return true;
    }

    private void close(Connection c, String why) {
        if (c.key != null && c.key.isValid()) {
            c.key.cancel();
        }
        if (c.closed.compareAndSet(false, true)) {
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
        if (!running && loops == null) {
            return;
        }
        running = false;
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
        if (unixSocketPath != null) {
            try {
                Files.deleteIfExists(unixSocketPath);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove unix socket " + unixSocketPath + ": " + e);
            }
        }
        connections.set(0);
        loops = null;
    }
}
