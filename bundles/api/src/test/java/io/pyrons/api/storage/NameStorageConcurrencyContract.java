package io.pyrons.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.pyrons.api.Registration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dozens of writers at once on a file-backed {@link NameStorage}: no "database is locked", no lost update,
 * and every write is still there after reopening. A backend's test extends this class and supplies its
 * {@link #storeFiles()}.
 */
public abstract class NameStorageConcurrencyContract {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 200;

    @TempDir
    Path dir;

    /** The backend under test. */
    protected abstract StoreFiles storeFiles();

    @Test
    @Timeout(120)
    void sixteenThreadsRegisterTwoHundredNamesEach() throws Exception {
        Path file = dir.resolve("concurrent" + storeFiles().suffix());
        AtomicInteger readsDone = new AtomicInteger();
        try (NameStorage store = storeFiles().provider().open(file.toString())) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    writers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < PER_THREAD; i++) {
                            assertNull(store.put(new Registration("t" + thread + ".n" + i, "PYRO:o" + i + "@h:" + thread,
                                    Set.of("thread" + thread, "all")), false));
                        }
                        return null;
                    }));
                }
                // readers run alongside and must never fail either
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    readers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 200; i++) {
                            store.withPrefix("t1.");
                            store.withAnyMetadata(Set.of("thread2"));
                            store.count();
                            readsDone.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> writer : writers) {
                    writer.get(100, TimeUnit.SECONDS);
                }
                for (Future<?> reader : readers) {
                    reader.get(100, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
            assertEquals(THREADS * PER_THREAD, store.count());
            assertEquals(THREADS * PER_THREAD, store.withAllMetadata(Set.of("all")).size());
            for (int t = 0; t < THREADS; t++) {
                assertEquals(PER_THREAD, store.withPrefix("t" + t + ".").size());
                assertEquals(PER_THREAD, store.withAllMetadata(Set.of("thread" + t, "all")).size());
            }
        }
        assertEquals(400, readsDone.get());
        try (NameStorage reopened = storeFiles().provider().open(file.toString())) {
            assertEquals(THREADS * PER_THREAD, reopened.count());
        }
    }

    @Test
    @Timeout(60)
    void concurrentReplacementsOfOneNameLoseNothing() throws Exception {
        try (NameStorage store = storeFiles().provider().open(dir.resolve("one" + storeFiles().suffix()).toString())) {
            store.put(new Registration("counter", "PYRO:c@h:1", Set.of("initial")), false);
            java.util.Queue<String> replaced = new java.util.concurrent.ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            Registration previous = store.put(new Registration("counter", "PYRO:c@h:1",
                                    Set.of("w" + thread + "." + i)), false);
                            replaced.addAll(previous.metadata());
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(50, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
            assertEquals(1, store.count());
            // every value written was either replaced by exactly one later write or is the final one
            List<String> seen = new ArrayList<>(replaced);
            seen.addAll(store.get("counter").metadata());
            assertEquals(THREADS * 50 + 1, seen.size());
            assertEquals(THREADS * 50 + 1, Set.copyOf(seen).size());
        }
    }
}
