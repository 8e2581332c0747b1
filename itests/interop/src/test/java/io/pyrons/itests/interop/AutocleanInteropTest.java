package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Issue 7: NS_AUTOCLEAN end to end. pyrons and, as the oracle, pyro4-ns start with {@code PYRO_NS_AUTOCLEAN=3};
 * ns_autoclean.py registers in both a name pointing at a live Pyro4 daemon and one pointing at a port nobody
 * listens on, then watches both servers at once. Pyro4 removes a name after 20 s unreachable, checked every 3 s:
 * the dead name must go within 40 s, never before 20 s, and the live one stay.
 */
class AutocleanInteropTest {
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");
    private static final int WATCH_SECONDS = 40;

    private final Python python = Python.locate();

    @Test
    void deadNameIsRemovedAndLiveNameKeptByBothServers() {
        Map<String, String> autoclean = Map.of("PYRO_NS_AUTOCLEAN", "3");
        List<String> options = List.of("-n", "127.0.0.1", "-p", "0");
        try (ConfiguredNameServer pyrons = ConfiguredNameServer.start(ServerKind.PYRONS, options, autoclean, URI_LINE);
             ConfiguredNameServer pyro4 = ConfiguredNameServer.start(ServerKind.PYRO4_NS, options, autoclean, URI_LINE)) {
            String pyronsAt = "127.0.0.1:" + pyrons.readyGroup(1);
            String pyro4At = "127.0.0.1:" + pyro4.readyGroup(1);
            ProcessResult result = python.run("ns_autoclean.py", List.of(Integer.toString(WATCH_SECONDS), pyro4At, pyronsAt),
                    Map.of(), Duration.ofSeconds(WATCH_SECONDS + 30));
            String report = result.describe() + "\n" + pyro4.output() + "\n" + pyrons.output();
            assertEquals(0, result.exitCode(), report);
            List<String> lines = result.stdout().lines().toList();
            assertEquals(2, lines.size(), report);
            assertCleaned(lines.get(0), pyro4At, report);
            assertCleaned(lines.get(1), pyronsAt, report);
        }
    }

    private static void assertCleaned(String line, String location, String report) {
        var matcher = Pattern.compile("^\\{\"location\": \"" + Pattern.quote(location)
                + "\", \"dead_gone_after\": ([0-9.]+), \"names\": \\[\"autoclean\\.live\"]}$").matcher(line);
        assertTrue(matcher.matches(), "dead name removed and live name kept at " + location + ": " + line + "\n" + report);
        double after = Double.parseDouble(matcher.group(1));
        assertTrue(after >= 19.0, "removed only after ~20 s unreachable, not after " + after + " s\n" + report);
    }
}
