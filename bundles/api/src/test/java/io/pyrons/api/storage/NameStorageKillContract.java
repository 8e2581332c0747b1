package io.pyrons.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM registers names and acknowledges each one on stdout; the test SIGKILLs it mid-stream,
 * reopens the file and finds every acknowledged registration. A backend's test extends this class and
 * supplies its {@link #storeFiles()}; the child runs {@link AckingRegistrar} with the provider's class on
 * this test's own class path.
 */
public abstract class NameStorageKillContract {
    private static final int ACKS_BEFORE_KILL = 400;
    private static final String END = "\u0000end";

    @TempDir
    Path dir;

    /** The backend under test. */
    protected abstract StoreFiles storeFiles();

    @Test
    @Timeout(120)
    void everyAcknowledgedWriteSurvivesKill9() throws Exception {
        Path file = dir.resolve("killed" + storeFiles().suffix());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classpath, AckingRegistrar.class.getName(),
                storeFiles().provider().getClass().getName(), file.toString(), "4", "100000")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acked = new ArrayList<>();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the stream breaks when the child dies
                } finally {
                    lines.add(END);
                }
            }, "child-stdout");
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (acked.size() < ACKS_BEFORE_KILL) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END)) {
                    fail("child stopped or stalled after " + acked.size() + " acks");
                }
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                }
                assertFalse(line.equals("finished"), "child finished before it was killed");
            }
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child " + child.pid() + " did not die");
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            reader.join(TimeUnit.SECONDS.toMillis(10));
            // acks the child printed before it died were acknowledged too
            for (String line; (line = lines.poll()) != null && !line.equals(END); ) {
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                }
            }
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (NameStorage reopened = storeFiles().provider().open(file.toString())) {
            for (String name : acked) {
                assertEquals(AckingRegistrar.registration(name), reopened.get(name), name);
            }
            assertTrue(reopened.count() >= acked.size(), reopened.count() + " < " + acked.size());
            assertEquals(reopened.count(), reopened.withAllMetadata(Set.of("acked")).size());
        }
    }
}
