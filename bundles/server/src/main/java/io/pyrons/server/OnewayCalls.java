package io.pyrons.server;

import java.util.ArrayDeque;

/**
 * The oneway calls of one connection. As with Pyro4's ONEWAY_THREADED the client does not wait for them, so
 * neither does its connection; but they run one after another on at most one worker at a time, and once
 * {@link #MAX_QUEUED} wait, the connection reads nothing more until one of them starts: a client firing oneway
 * calls takes one worker, never all of them.
 */
final class OnewayCalls {
    static final int MAX_QUEUED = 16;

    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private boolean draining;
    /** The connection's hand-back, held while the queue is full. */
    private Runnable heldResume;

    /**
     * On the worker that decoded a oneway call: queues it, then hands the connection back by {@code resume} (now,
     * or once the queue has room again) and, unless another worker runs this connection's calls already, runs
     * them all.
     */
    void submit(Runnable call, Runnable resume) {
        boolean resumeNow;
        boolean drain;
        synchronized (this) {
            queued.add(call);
            resumeNow = queued.size() <= MAX_QUEUED;
            if (!resumeNow) {
                heldResume = resume;
            }
            drain = !draining;
            draining = true;
        }
        if (resumeNow) {
            resume.run();
        }
        if (drain) {
            drain();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            Runnable resume = null;
            synchronized (this) {
                next = queued.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                if (heldResume != null && queued.size() <= MAX_QUEUED) {
                    resume = heldResume;
                    heldResume = null;
                }
            }
            if (resume != null) {
                resume.run();
            }
            boolean ran = false;
            try {
                next.run();
                ran = true;
            } finally {
                if (!ran) {
                    synchronized (this) {
                        draining = false; // an Error escaped: the next call starts a new drain
                    }
                }
            }
        }
    }
}
