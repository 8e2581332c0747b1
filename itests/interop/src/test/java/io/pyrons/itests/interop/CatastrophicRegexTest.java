package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, catastrophic regular expressions: {@code ns.list(regex='((a+)+)+$')} over a name of 40 'a's and
 * one '!' backtracks for longer than the universe lasts. 17 real Pyro4 clients at once (more than the 16
 * workers), or one connection sending 17 such calls oneway, must not take the name server down: a fresh client's
 * lookup is answered within 2 s while they run, its lookup and list within 2 s once they are gone, and each
 * caller gets a clear error (not a timeout of its own, not a closed connection) within bounded time. pyro4-ns hangs on this as well, so this
 * runs against pyrons only.
 */
class CatastrophicRegexTest {
    private static final int CALLERS = 17;
    private static final Duration CALLER_TIMEOUT = Duration.ofSeconds(30);
    /** A caller must have its error well before its own COMMTIMEOUT (17 of them share 2 cores). */
    private static final long ERROR_WITHIN_MS = 20_000;
    private static final Duration FRESH_LIMIT = Duration.ofSeconds(2);
    private static final Pattern CALLER = Pattern.compile("(?m)^caller (\\d+) ms (\\d+) (.*)$");

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void concurrentCallersGetAnErrorAndOthersAreServed() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), List.of(), Map.of())) {
            Process callers = startRegexScript(server, "calls");
            String report;
            FreshClient during;
            try {
                awaitRegistered(callers);
                Thread.sleep(3000); // the callers are in the middle of their calls
                during = FreshClient.run(python, server.port(), Duration.ofSeconds(5), false);
                callers.waitFor(CALLER_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
            } finally {
                report = stopAndRead(callers, "calls");
            }
            assertTrue(during.answeredWithin(FRESH_LIMIT), "a fresh Pyro4 client while the regex callers ran got " + during
                    + " (want locate+lookup within " + FRESH_LIMIT.toMillis() + " ms)\n" + during.output() + "\n" + server.output());

            Matcher m = CALLER.matcher(report);
            List<String> bad = new ArrayList<>();
            int seen = 0;
            while (m.find()) {
                seen++;
                long millis = Long.parseLong(m.group(2));
                String outcome = m.group(3);
                boolean clearError = !outcome.startsWith("result ") && !outcome.startsWith("TimeoutError")
                        && !outcome.startsWith("ConnectionClosedError") && !outcome.startsWith("CommunicationError");
                if (!clearError || millis > ERROR_WITHIN_MS) {
                    bad.add(m.group());
                }
            }
            assertEquals(CALLERS, seen, "every caller reports (a caller that never returned is missing):\n" + report);
            assertTrue(bad.isEmpty(), "callers without a clear error within " + ERROR_WITHIN_MS + " ms: " + bad
                    + "\n" + report + "\n" + server.output());
            FreshClient after = FreshClient.run(python, server.port(), Duration.ofSeconds(5), true);
            assertFreshClientServed(after, "after the regex callers were gone", server);
        }
    }

    @Test
    @Timeout(300)
    void onewayCallsOnOneConnectionDoNotStarveTheServer() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), List.of(), Map.of())) {
            Process sender = startRegexScript(server, "oneway");
            String report;
            try {
                assertTrue(sender.waitFor(60, TimeUnit.SECONDS), "the oneway sender did not finish");
            } finally {
                report = stopAndRead(sender, "oneway");
            }
            assertTrue(report.contains("sent " + CALLERS), report);
            Thread.sleep(5000); // the calls are all on the server by now
            FreshClient after = FreshClient.run(python, server.port(), Duration.ofSeconds(5), true);
            assertFreshClientServed(after, "after " + CALLERS + " oneway list(regex) calls", server);
        }
    }

    private Process startRegexScript(LimitedNameServer server, String mode) throws Exception {
        return python.start("ns_regex.py", List.of("127.0.0.1", Integer.toString(server.port()), Integer.toString(CALLERS),
                Long.toString(CALLER_TIMEOUT.toSeconds()), mode), dir.resolve(mode + ".out"), dir.resolve(mode + ".err"));
    }

    private void awaitRegistered(Process script) throws Exception {
        Path out = dir.resolve("calls.out");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && script.isAlive() && !Files.readString(out).contains("registered")) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(out).contains("registered"), Files.readString(out) + Files.readString(dir.resolve("calls.err")));
    }

    private String stopAndRead(Process script, String mode) throws Exception {
        if (script.isAlive()) {
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return Files.readString(dir.resolve(mode + ".out")) + Files.readString(dir.resolve(mode + ".err"));
    }

    private static void assertFreshClientServed(FreshClient client, String when, LimitedNameServer server) {
        assertTrue(client.answeredWithin(FRESH_LIMIT) && client.listMillis() >= 0 && client.listMillis() <= FRESH_LIMIT.toMillis(),
                "a fresh Pyro4 client " + when + " got " + client + " (want locate+lookup and list each within "
                        + FRESH_LIMIT.toMillis() + " ms)\n" + client.output() + "\n" + server.output());
    }
}
