package io.pyrons.storage.dbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a full disk must not close the dbm store for good. The store lives on a small tmpfs mounted for the
 * test (as root; the test is skipped, saying why, only where mounting is impossible), which is then filled: the
 * failing write gets a clear error naming the store and the cause, reads keep working, writes work again once
 * space is freed, and a reopened store holds everything acknowledged and nothing that failed.
 */
class DbmFullDiskTest {
    private static final int FAILED_WRITES = 500;

    @TempDir
    Path dir;
    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws IOException, InterruptedException {
        mount = Files.createDirectory(dir.resolve("small-disk"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(failure == null, () -> "cannot mount a small tmpfs to fill (needs root): " + failure);
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mount != null) {
            String failure = run("umount", mount.toString());
            assertNull(failure, "unmounting " + mount);
        }
    }

    /** Runs a command; null if it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output.trim();
    }

    private static Registration registration(String name) {
        return new Registration(name, "PYRO:" + name + "@localhost:9999", Set.of("meta." + name));
    }

    /** Fills the file system with one file, up to its last byte; returns the file. */
    private Path fill() throws IOException {
        Path filler = mount.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 100_000; i++) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler; // "No space left on device"
        }
        throw new AssertionError("the small tmpfs did not fill up");
    }

    @Test
    @Timeout(120)
    void fullDiskFailsTheWriteKeepsReadsAndWritesAgainOnceSpaceReturns() throws IOException, InterruptedException {
        Path file = mount.resolve("names.mv");
        List<Registration> acknowledged = new ArrayList<>();
        NameStorage store = new DbmStorageProvider().open(file.toString());
        try {
            for (int i = 0; i < 50; i++) {
                store.put(registration("before" + i), false);
                acknowledged.add(registration("before" + i));
            }
            Path filler = fill();

            // a reader all along: the store swapped under it after each failed write must not fail its reads
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Throwable> readFailures = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                for (int i = 0; writing.get() && i < 1_000_000; i++) {
                    try {
                        if (!registration("before" + i % 50).equals(store.get("before" + i % 50)) || store.count() < 50) {
                            readFailures.add(new AssertionError("read " + i + " did not find before" + i % 50));
                        }
                    } catch (RuntimeException e) {
                        readFailures.add(e);
                    }
                }
            }, "reader");
            reader.start();
            StorageException error;
            try {
                error = assertThrows(StorageException.class, () -> {
                    for (int i = 0; i < 100; i++) { // a write may still fit in the last free bytes
                        store.put(registration("full" + i), false);
                    }
                });
                // each failed write swaps the store: a reader must not run out of retries however fast they come
                for (int i = 0; i < FAILED_WRITES; i++) {
                    assertThrows(StorageException.class, () -> store.put(registration("stillFull"), false));
                }
            } finally {
                writing.set(false);
                reader.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertEquals(List.of(), readFailures, "reads during the failed writes");
            assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("No space left"),
                    error.getMessage());
            // reads keep working, and show what was acknowledged
            assertTrue(store.count() >= 50, "count " + store.count());
            assertEquals(registration("before7"), store.get("before7"));
            assertEquals(50, store.withPrefix("before").size());
            assertEquals(List.of(registration("before3")), store.withAnyMetadata(Set.of("meta.before3")));
            // still full: writes keep failing, clearly, and do not break the store
            StorageException again = assertThrows(StorageException.class, () -> store.remove("before1"));
            assertTrue(again.getMessage().contains(file.toString()), again.getMessage());
            assertEquals(registration("before1"), store.get("before1"));
            for (int i = 0; i < 100; i++) {
                if (store.get("full" + i) != null) {
                    acknowledged.add(store.get("full" + i)); // it fitted and was acknowledged before the disk filled
                }
            }

            Files.delete(filler);
            store.put(registration("after"), false);
            acknowledged.add(registration("after"));
            assertTrue(store.remove("before1"));
            acknowledged.remove(registration("before1"));
        } finally {
            store.close();
        }
        try (NameStorage reopened = new DbmStorageProvider().open(file.toString())) {
            assertEquals(acknowledged.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList(), reopened.all());
        }
    }
}
