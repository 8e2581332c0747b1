package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, decompression bomb: a client sends real Pyro4 INVOKE messages flagged COMPRESSED, a few KB each,
 * that inflate to megabytes of serpent (ns.lookup of a list of 1.6 million zeros), again and again on two
 * connections at once (one per I/O thread of a 2-core machine). Meanwhile another real Pyro4 client keeps
 * looking up a name: every one of its lookups must still be answered within a second (inflating on an I/O thread
 * stalled them for 10 s and more; the bound leaves room for a loaded 2-core machine). Whatever the bomb costs
 * must fall on the bomb's sender, not on the other clients.
 */
class DecompressionBombTest {
    private static final int ELEMENTS = 1_600_000;
    private static final int BOMB_CONNECTIONS = 2;
    private static final Duration BOMBING = Duration.ofSeconds(10);
    private static final long LOOKUP_LIMIT_MS = 1000;

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void lookupsOfOtherClientsStayFastWhileCompressedBombsArrive() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), List.of(), Map.of());
             LatencyClient latency = LatencyClient.start(python, server.port(), dir, Duration.ofSeconds(10), Duration.ofSeconds(120))) {
            Thread.sleep(1000); // the lookups' own baseline, before the first bomb
            Path bombOut = dir.resolve("bomb.out");
            Path bombErr = dir.resolve("bomb.err");
            Process bomber = python.start("ns_bomb.py", List.of("127.0.0.1", Integer.toString(server.port()),
                    Integer.toString(BOMB_CONNECTIONS), Long.toString(BOMBING.toSeconds()), Integer.toString(ELEMENTS)),
                    bombOut, bombErr);
            String bombReport;
            try {
                assertTrue(bomber.waitFor(BOMBING.toSeconds() + 120, TimeUnit.SECONDS), "the bomb sender did not finish");
            } finally {
                if (bomber.isAlive()) {
                    bomber.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                bombReport = Files.readString(bombOut) + Files.readString(bombErr);
            }
            String report = latency.stop();
            Matcher sizes = Pattern.compile("compressed (\\d+) inflated (\\d+)").matcher(bombReport);
            assertTrue(sizes.find(), bombReport);
            assertTrue(Long.parseLong(sizes.group(1)) < 16 * 1024 && Long.parseLong(sizes.group(2)) > 3_000_000,
                    "not a bomb: " + bombReport);
            assertTrue(bombReport.matches("(?s).*sent [1-9]\\d* answered.*"), "no bomb was sent: " + bombReport);

            assertEquals(0, latency.value("errors"), "the other client's lookups failed during the bombing:\n"
                    + report + "\nbombs: " + bombReport + "\n" + server.output());
            assertTrue(latency.value("max_ms") <= LOOKUP_LIMIT_MS, "the other client's slowest lookup took "
                    + latency.value("max_ms") + " ms (limit " + LOOKUP_LIMIT_MS + " ms):\n" + report + "\nbombs: " + bombReport
                    + "\n" + server.output());
        }
    }
}
