package io.pyrons.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.pyrons.api.NameServer;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

/**
 * What happens to the registrations when the running name server moves to another store (issue 17): they are
 * copied when the new store holds no names, and the new store's names are kept, uncopied over, when it does; the
 * operator is told which. Nothing is merged. {@value NameServer#OBJECT_ID} does not count as a name: each store
 * gets its own entry with the daemon's current URI.
 *
 * <p>The copy is all or nothing: if one write fails, the names written so far are removed again and the move
 * fails with the store's reason, leaving the new store as it was. The caller keeps writers out meanwhile. A store
 * that writes to disk is filled by {@value #WRITERS} threads at once, because its writes are durable one by one and
 * concurrent ones share a commit (sql: 2,000 names took 5.6 s one at a time, 0.5 s from 16 threads).
 */
final class StoreMove {
    static final int WRITERS = 16;

    private StoreMove() {
    }

    /**
     * Moves what {@code from} holds into {@code to}, as described above; returns one line saying what happened,
     * empty when neither store holds names.
     */
    static String move(NameStorage from, NameStorage to) {
        int waiting = names(to);
        List<Registration> moving = new ArrayList<>(from.all());
        moving.removeIf(r -> r.name().equals(NameServer.OBJECT_ID));
        if (waiting > 0) {
            return "kept the " + count(waiting) + " already in " + to.description()
                    + (moving.isEmpty() ? "" : "; the " + count(moving.size()) + " in " + from.description()
                    + (moving.size() == 1 ? " was" : " were") + " not copied");
        }
        if (moving.isEmpty()) {
            return "";
        }
        Queue<String> written = new ConcurrentLinkedQueue<>();
        try {
            copy(moving, to, written);
        } catch (RuntimeException e) {
            String undo = undo(to, List.copyOf(written));
            throw new StorageException("cannot copy the " + count(moving.size()) + " of " + from.description()
                    + " to " + to.description() + ": " + NameServerComponent.oneLine(e) + undo, e);
        }
        return "copied the " + count(moving.size()) + " of " + from.description();
    }

    private static void copy(List<Registration> moving, NameStorage to, Queue<String> written) {
        if (to.nonBlocking() || moving.size() == 1) {
            for (Registration registration : moving) {
                to.put(registration, false);
                written.add(registration.name());
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable writer = () -> {
            for (int i = next.getAndIncrement(); i < moving.size() && failure.get() == null; i = next.getAndIncrement()) {
                Registration registration = moving.get(i);
                try {
                    to.put(registration, false);
                    written.add(registration.name());
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int threads = Math.min(WRITERS, moving.size());
        List<Thread> writers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(writer, "pyrons-store-move-" + t);
            thread.setDaemon(true);
            thread.start();
            writers.add(thread);
        }
        boolean interrupted = false;
        for (Thread thread : writers) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the copy must finish or fail before the store can be undone or used
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** The number of registrations besides the name server's own. */
    static int names(NameStorage storage) {
        int count = storage.count();
        return count > 0 && storage.get(NameServer.OBJECT_ID) != null ? count - 1 : count;
    }

    private static String undo(NameStorage to, List<String> written) {
        try {
            to.removeAll(written);
            return "";
        } catch (RuntimeException e) {
            return " (and removing the " + count(written.size()) + " copied so far failed too: "
                    + NameServerComponent.oneLine(e) + ")";
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 name" : n + " names";
    }
}
