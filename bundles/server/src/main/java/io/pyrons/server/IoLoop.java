package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.pyrons.api.PythonException;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageFlags;

/**
 * One I/O thread: its selector, the connections registered with it, and the tasks other threads hand it (a reply
 * to send, input to resume). It reads, answers quick requests itself, hands the others to a worker, writes, and
 * closes connections that outstay the timeouts. Only cheap work with a bound runs here: a message that is big or
 * compressed is decoded on a worker. The first loop also accepts for the {@link Listener}.
 */
final class IoLoop {
    private static final Logger LOG = System.getLogger("io.pyrons.server");
    private static final long SWEEP_MILLIS = 100;
    /** Bigger messages are decoded on a worker: decoding takes time in proportion to the size. */
    private static final int INLINE_DECODE_LIMIT = 64 * 1024;
    /** Requests one connection may have answered in a row before the I/O thread turns to the others. */
    private static final int MESSAGES_PER_TURN = 16;
    /** How long an I/O thread that just answered a request itself polls for the next before it sleeps in the selector. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** One read takes up to this much of a connection's input. */
    private static final int READ_BUFFER = 64 * 1024;
    /** Selector failures in a row after which the thread gives up (and takes the process down). */
    private static final int MAX_SELECT_FAILURES = 100;

    final Selector selector;
    private final NioServer server;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Where this thread's reads land first; see {@link MessageReader#read}. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    /** The listening socket this loop accepts on, or null. */
    private Listener listener;
    /**
     * Whether the last round answered a request on this thread: only then is the client's next request worth
     * polling for. After a hand-off the reply comes from a worker, later; polling would take the CPU from it.
     */
    private boolean answeredHere;
    private Thread thread;

    IoLoop(Selector selector, NioServer server) {
        this.selector = selector;
        this.server = server;
    }

    /** Makes this loop accept on {@code listener}'s socket; before {@link #start}. */
    void acceptFor(Listener l) throws IOException {
        listener = l;
        l.register(selector);
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

    /**
     * Runs until the server closes. A failure that concerns one connection closes that connection; an
     * {@link Error} the JVM cannot recover from goes to the server's fatal handler: this thread never ends while
     * the server runs, leaving a port open that nobody serves.
     */
    private void loop() {
        long nextSweep = System.nanoTime();
        int selectFailures = 0;
        while (server.running()) {
            try {
                nextSweep = turn(nextSweep);
                selectFailures = 0;
            } catch (ClosedSelectorException e) {
                return; // closed underneath us by close(): that is the way out
            } catch (IOException e) {
                if (++selectFailures >= MAX_SELECT_FAILURES) {
                    server.fatal(Thread.currentThread().getName() + ": the selector fails", e);
                    return;
                }
                LOG.log(Level.ERROR, "pyrons I/O loop: " + e, e);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(Level.ERROR, "pyrons I/O loop: " + e, e);
            } catch (Throwable t) {
                server.fatal(Thread.currentThread().getName(), t);
                return;
            }
        }
    }

    /** One round: wait for something to do, do it; returns when the next sweep is due. */
    private long turn(long nextSweep) throws IOException {
        boolean sweeping = server.timeoutsEnabled();
        if (!(answeredHere && pollBriefly())) {
            long wait = sweeping ? SWEEP_MILLIS : 0;
            if (listener != null) {
                long resume = listener.millisUntilResume(System.nanoTime());
                if (resume > 0) {
                    wait = wait == 0 ? resume : Math.min(wait, resume);
                }
            }
            selector.select(wait);
        }
        answeredHere = false;
        long now = System.nanoTime();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(Level.ERROR, "pyrons I/O task failed: " + e, e);
            }
        }
        if (listener != null) {
            listener.resumeIfDue(now);
        }
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                listener.accept(now);
            } else {
                Connection c = (Connection) key.attachment();
                try {
                    if (key.isWritable()) {
                        resumeAfterWrite(c, now);
                    }
                    if (key.isValid() && key.isReadable()) {
                        readable(c, now);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    LOG.log(Level.ERROR, "error serving " + c.peer + ": " + e, e);
                    server.close(c, e.toString());
                }
            }
        }
        if (sweeping && now - nextSweep >= 0) {
            sweep(now);
            return now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
        }
        return nextSweep;
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

    /** On this thread: starts watching a new connection. */
    void register(Connection c) {
        try {
            c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            LOG.log(Level.DEBUG, () -> "connected " + c.peer);
        } catch (IOException e) {
            server.close(c, e.toString());
        }
    }

    /**
     * Serves what the connection sent: each complete request in turn, quick ones right here, until it is
     * handed to a worker, needs more input, or had its turn (the rest is served after the other connections).
     */
    void readable(Connection c, long now) {
        if (c.busy()) {
            // One request at a time per connection: the rest waits until its reply is out. Stop watching the
            // input (level-triggered, it would be reported again at once); the worker resumes it.
            if (c.pauseInput()) {
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
        NioServer.Protocol protocol = server.protocol();
        Message msg;
        try {
            msg = c.read(protocol, now, readBuffer);
        } catch (MessageReader.Closed e) {
            if (c.midMessage()) {
                LOG.log(Level.WARNING, "Pyro protocol error occurred: connection " + c.peer
                        + " closed in the middle of a message (truncated)");
            }
            server.close(c, "disconnected");
            return false;
        } catch (IOException e) {
            server.close(c, e.toString());
            return false;
        } catch (PythonException e) {
            apply(c, protocol.handler(c.protocol()).undecodable(e, c.handshakeDone, c.peer), now);
            return false;
        }
        if (msg == null) {
            waitForMore(c);
            return false;
        }
        server.countProtocol(c);
        RequestHandler handler = protocol.handler(c.protocol());
        boolean handshakeDone = c.handshakeDone;
        if (msg.data().length > INLINE_DECODE_LIMIT || msg.hasFlag(MessageFlags.COMPRESSED)) {
            // decoding (and inflating) takes time in proportion to what comes out: not on this thread
            handOff(c, () -> handshakeDone ? handler.request(msg, c.peer) : handler.handshake(msg, c.peer));
            return false;
        }
        Reply reply;
        try {
            if (handshakeDone) {
                Call call = handler.prepare(msg, c.peer);
                if (!call.quick()) {
                    handOff(c, call::run);
                    return false;
                }
                reply = call.run();
            } else {
                reply = handler.handshake(msg, c.peer);
            }
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // the handler answers every failure of a call itself; this is a bug, and it must not stop the thread
            LOG.log(Level.ERROR, "error handling a request from " + c.peer + ": " + e, e);
            reply = Reply.close();
        }
        answeredHere = true;
        return apply(c, reply, now);
    }

    private void handOff(Connection c, Supplier<Reply> request) {
        c.handToWorker();
        if (!(c.io instanceof PlainTransport)) {
            c.key.interestOps(0); // TLS: only the I/O thread touches the engine, replies go through it
        }
        // Plain sockets keep OP_READ: in the usual exchange (a client waits for each reply) the worker writes
        // the reply itself and the connection is readable again without waking this thread.
        server.runOnWorker(c, request);
    }

    /**
     * Sends a reply on this thread; true when the connection is idle again and input already waits (read
     * along with the last request, or held by TLS), which the selector will not report.
     */
    boolean apply(Connection c, Reply reply, long now) {
        if (!c.key.isValid()) {
            return false;
        }
        c.backOnIoThread();
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
                server.close(c, "closed after reply");
            } else if (c.busy()) {
                c.key.interestOps(0);
            } else {
                c.key.interestOps(SelectionKey.OP_READ);
                return true;
            }
        } catch (IOException e) {
            server.close(c, e.toString());
        }
        return false;
    }

    /** The selector reported the socket writable: the rest of a reply went out, so serve what waits. */
    private void resumeAfterWrite(Connection c, long now) {
        if (writeOrWait(c, now) && (c.hasBufferedInput() || c.io.readPending())) {
            readable(c, now);
        }
    }

    /** On this thread: sends a worker's reply, then serves input that waits. */
    void serveAfter(Connection c, Reply reply) {
        long now = System.nanoTime();
        if (apply(c, reply, now)) {
            readable(c, now);
        }
    }

    /** On this thread: a worker handed the connection back after the selector stopped watching its input. */
    void resumeInput(Connection c) {
        if (c.key.isValid() && !c.busy()) {
            c.key.interestOps(SelectionKey.OP_READ);
            readable(c, System.nanoTime());
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
            server.close(c, e.toString());
        }
    }

    private void sweep(long now) {
        long handshakeTimeout = server.handshakeTimeoutNanos();
        long commTimeout = server.commTimeoutNanos();
        for (SelectionKey key : selector.keys()) {
            if (!(key.attachment() instanceof Connection c) || !key.isValid() || c.busy()) {
                continue;
            }
            if (!c.handshakeDone && handshakeTimeout > 0 && now - c.acceptedNanos > handshakeTimeout) {
                server.metrics().closedByTimeout.increment();
                server.close(c, "no handshake within the handshake timeout");
            } else if (commTimeout > 0 && now - c.lastActivityNanos > commTimeout) {
                server.metrics().closedByTimeout.increment();
                server.close(c, "idle longer than the comm timeout");
            }
        }
    }

    /** Stops the thread, then closes every connection it serves and its selector. */
    void stop() {
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
