package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4: an acknowledged registration survives a crash. Eight concurrent Pyro4 clients register names with
 * metadata into pyrons with {@code -s sql:FILE} / {@code -s dbm:FILE}; the moment the last acknowledgement is read
 * the server gets SIGKILL (no shutdown hook, nothing flushed); restarted on the same file it must report every
 * name and serve each acknowledged name with its URI and metadata.
 */
class StoreDurabilityTest {
    private static final int CLIENTS = 8;
    private static final int NAMES_EACH = 25;
    private static final int NAMES = CLIENTS * NAMES_EACH;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sql", "dbm"})
    void everyAcknowledgedNameSurvivesSigkill(String store) throws IOException, InterruptedException {
        String option = store + ":" + dir.resolve("names." + store);
        Set<String> acknowledged;
        try (NameServerProcess first = NameServerProcess.start(ServerKind.PYRONS, "-s", option)) {
            acknowledged = writeThenKill(first);
            assertFalse(first.isAlive(), "killed");
        }
        assertEquals(StoreClient.expectedWrites("crash.", CLIENTS, NAMES_EACH, false), acknowledged,
                "every write was acknowledged before the kill");

        try (NameServerProcess second = NameServerProcess.start(ServerKind.PYRONS, "-s", option)) {
            assertTrue(second.stdoutLines().contains("Persistent store contains " + (NAMES + 1) + " existing registrations."),
                    second.output());
            Set<String> found = new StoreClient(python, second.host(), second.port()).dumpWithoutNameServer();
            var missing = new TreeSet<>(acknowledged);
            missing.removeAll(found);
            assertEquals(Set.of(), missing, "acknowledged but lost after SIGKILL (" + option + ")");
            assertEquals(acknowledged, found, "exactly the acknowledged names, nothing else");
        }
    }

    /** Runs ns_store.py write and SIGKILLs the server as soon as the last ACK line appears; returns the ACKs. */
    private Set<String> writeThenKill(NameServerProcess server) throws IOException, InterruptedException {
        Path out = dir.resolve("write.out");
        Path err = dir.resolve("write.err");
        Process client = python.start("ns_store.py", List.of(server.host() + ":" + server.port(), "write", "crash.",
                Integer.toString(CLIENTS), Integer.toString(NAMES_EACH)), out, err);
        try {
            long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
            List<String> acks = acks(out);
            while (acks.size() < NAMES && client.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                acks = acks(out);
            }
            acks = acks(out); // the client may have printed its last lines and exited between two reads
            if (acks.size() == NAMES) {
                server.kill(); // right after the acknowledgements, while the clients are still closing
            }
            assertEquals(NAMES, acks.size(), "acknowledged registrations\n" + Files.readString(out)
                    + Files.readString(err) + "\n" + server.output());
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), "client finished");
            assertEquals(0, client.exitValue(), Files.readString(out) + Files.readString(err));
            return new TreeSet<>(acks);
        } finally {
            client.destroyForcibly();
        }
    }

    private static List<String> acks(Path out) throws IOException {
        // only whole lines: the file may end in the middle of one being written
        String text = Files.readString(out, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        return complete.lines().filter(l -> l.startsWith("ACK ")).map(l -> l.substring(4)).toList();
    }
}
