package io.pyrons.naming;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes read-modify-write changes of one name (set_metadata must not resurrect a name removed meanwhile,
 * nor put back an old URI), while changes of different names run in parallel. Bulk removals take every
 * stripe, always in the same order, so they cannot deadlock with each other or with single-name changes.
 */
final class NameLocks {
    private static final int STRIPES = 32;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    NameLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(String name) {
        int h = name.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    void lockAll() {
        for (ReentrantLock stripe : stripes) {
            stripe.lock();
        }
    }

    void unlockAll() {
        for (int i = STRIPES - 1; i >= 0; i--) {
            stripes[i].unlock();
        }
    }
}
