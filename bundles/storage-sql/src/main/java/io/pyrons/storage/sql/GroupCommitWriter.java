package io.pyrons.storage.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.pyrons.api.storage.WriteStatistics;

import io.pyrons.api.storage.StorageException;

/**
 * Serialises all writes onto the one writer connection and commits them in groups.
 *
 * <p>A caller queues its write and tries the leader lock. Whoever holds the lock drains the queue (up to
 * {@link #MAX_BATCH} writes), runs them in order in one transaction, each inside its own savepoint so one
 * failing write does not undo the others, commits (one fsync for the whole group) and only then wakes every
 * writer of the group, all at once; then it wakes the first writer still queued to lead the next group. The
 * others wait parked, not in line for the lock: a group of writers is released in one step rather than one
 * lock hand-over after another. There is no writer thread to manage, no "database is locked" (one connection
 * writes) and no lost update (writes apply one after another, in queue order).
 */
final class GroupCommitWriter implements AutoCloseable {
    static final int MAX_BATCH = 1000;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One write: SQL on the writer session, inside the group's transaction. */
    @FunctionalInterface
    interface Write<T> {
        T apply(WriterSession session) throws SQLException;
    }

    private final WriterSession session;
    private final String description;
    private final ReentrantLock leader = new ReentrantLock();
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private final WriteStatistics statistics;

    GroupCommitWriter(WriterSession session, String description, WriteStatistics statistics) {
        this.session = session;
        this.description = description;
        this.statistics = statistics;
    }

    /** Runs {@code write} and returns its result once the transaction holding it has committed. */
    <T> T execute(String what, Write<T> write) {
        if (closed) {
            throw closedFailure();
        }
        Pending<T> pending = new Pending<>(what, write, Thread.currentThread());
        queue.add(pending);
        while (!pending.done) {
            if (leader.tryLock()) {
                try {
                    if (closed) {
                        failQueued(closedFailure());
                    } else if (!pending.done) {
                        commitGroup();
                    }
                } finally {
                    leader.unlock();
                }
                Pending<?> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.waiter); // queued while we committed: it leads the next group
                }
            } else {
                // woken when the write is committed, or to lead; the timeout only bounds a missed wake-up
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        return pending.result();
    }

    private void commitGroup() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> next; group.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        long start = System.nanoTime();
        try {
            session.begin();
            for (Pending<?> pending : group) {
                pending.runInSavepoint(session, description);
            }
            session.commit();
            statistics.committed(group.size(), System.nanoTime() - start);
            group.forEach(Pending::finish);
        } catch (SQLException | RuntimeException e) {
            statistics.failed();
            session.rollbackQuietly();
            StorageException failure = new StorageException(description + ": write not committed: " + e.getMessage(), e);
            group.forEach(pending -> pending.fail(failure));
        }
    }

    private void failQueued(StorageException failure) {
        for (Pending<?> pending; (pending = queue.poll()) != null; ) {
            pending.fail(failure);
        }
    }

    private StorageException closedFailure() {
        return new StorageException(description + " is closed");
    }

    /** Waits for a group in progress, fails writes still queued, then runs {@code lastWork} alone. */
    void close(Write<Void> lastWork) {
        closed = true;
        leader.lock();
        try {
            failQueued(closedFailure());
            try {
                lastWork.apply(session);
            } catch (SQLException e) {
                // leaving WAL mode is a courtesy; the file is complete either way
            }
            session.close();
        } finally {
            leader.unlock();
        }
    }

    @Override
    public void close() {
        close(s -> null);
    }

    /**
     * A queued write and, once its group is over, its outcome: written by the leader, read by the writer after
     * it saw {@link #done}.
     */
    private static final class Pending<T> {
        private final String what;
        private final Write<T> write;
        private final Thread waiter;
        private T value;
        private StorageException failure;
        private volatile boolean done;

        Pending(String what, Write<T> write, Thread waiter) {
            this.what = what;
            this.write = write;
            this.waiter = waiter;
        }

        void runInSavepoint(WriterSession session, String description) throws SQLException {
            session.savepoint();
            try {
                value = write.apply(session);
                session.releaseSavepoint();
            } catch (SQLException | RuntimeException e) {
                session.rollbackToSavepoint();
                failure = new StorageException(description + ": " + what + " failed: " + e.getMessage(), e);
            }
        }

        void finish() {
            done = true;
            LockSupport.unpark(waiter);
        }

        void fail(StorageException groupFailure) {
            value = null;
            failure = groupFailure;
            done = true;
            LockSupport.unpark(waiter);
        }

        T result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
