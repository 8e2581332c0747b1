package io.pyrons.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all connections together may hold in messages that are still arriving or waiting for their answer.
 * A connection reserves before it grows a body buffer and gives its reservation back once the request is answered
 * or the connection closes, so clients announcing and streaming huge bodies exhaust this budget, never the heap.
 */
final class MemoryBudget {
    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("memory budget must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * A quarter of the heap the JVM may grow to: room for the decoded copy of each message, its answer and the
     * store besides.
     */
    static MemoryBudget ofHeap() {
        return new MemoryBudget(Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    long capacity() {
        return capacity;
    }

    long reserved() {
        return reserved.get();
    }

    /** Takes {@code bytes} from the budget; false, having taken nothing, when they are not left. */
    boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }
}
