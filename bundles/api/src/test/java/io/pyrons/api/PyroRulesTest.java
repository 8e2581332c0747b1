package io.pyrons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The rules against Pyro4 4.82 itself: /usr/bin/python3 runs Pyro4's own checks ({@code AutoCleaner}'s, the
 * {@code Daemon} constructor's) on the same values and prints what they raise.
 */
class PyroRulesTest {
    @Test
    void autocleanAsPyro4() throws Exception {
        double[] values = {0, -1, Double.NaN, 0.5, 1, 2, 2.99, 3, 3.5, 100};
        StringBuilder script = new StringBuilder("""
                import Pyro4
                from Pyro4.naming import AutoCleaner
                for v in [%s]:
                    Pyro4.config.NS_AUTOCLEAN = v
                    try:
                        if Pyro4.config.NS_AUTOCLEAN > 0:  # NameServerDaemon makes an AutoCleaner only then
                            AutoCleaner(None)
                        print("ok")
                    except ValueError as e:
                        print(e)
                """.formatted(String.join(", ", java.util.Arrays.stream(values)
                        .mapToObj(v -> Double.isNaN(v) ? "float('nan')" : Double.toString(v)).toList())));
        List<String> python = python(script.toString());
        List<String> ours = new ArrayList<>();
        for (double v : values) {
            try {
                PyroRules.checkAutoclean(v);
                ours.add("ok");
            } catch (IllegalArgumentException e) {
                ours.add(e.getMessage());
            }
        }
        assertEquals(python, ours);
        assertTrue(ours.contains("ok") && ours.size() > ours.stream().filter("ok"::equals).count());
    }

    @Test
    void natHostWithUnixSocketAsPyro4Daemon() throws Exception {
        // the Daemon constructor checks before it binds anything
        List<String> python = python("""
                import Pyro4.core
                for nathost, unixsocket in [("ext", "/nonexistent/s"), ("", "/nonexistent/s"), (None, "/nonexistent/s")]:
                    try:
                        Pyro4.core.Daemon(unixsocket=unixsocket, nathost=nathost, natport=None if nathost is None else 0)
                        print("ok")
                    except ValueError as e:
                        print(e)
                    except OSError:
                        print("ok")
                """);
        List<String> ours = new ArrayList<>();
        for (String nathost : new String[] {"ext", "", null}) {
            try {
                PyroRules.checkNatHost(nathost, "/nonexistent/s");
                ours.add("ok");
            } catch (IllegalArgumentException e) {
                ours.add(e.getMessage());
            }
        }
        assertEquals(python, ours);
        PyroRules.checkNatHost("ext", null);
        PyroRules.checkNatHost("ext", "");
    }

    @Test
    void commTimeoutZeroIsNoneAndTheAutocleanCheckWaitsFiveSeconds() {
        assertEquals(Duration.ZERO, PyroRules.commTimeout(0));
        assertEquals(Duration.ofMillis(1500), PyroRules.commTimeout(1.5));
        assertThrows(IllegalArgumentException.class, () -> PyroRules.commTimeout(-1));
        assertThrows(IllegalArgumentException.class, () -> PyroRules.commTimeout(Double.NaN));
        assertEquals(Duration.ofSeconds(5), PyroRules.autocleanCheckTimeout(Duration.ZERO));
        assertEquals(Duration.ofMillis(1500), PyroRules.autocleanCheckTimeout(Duration.ofMillis(1500)));
    }

    private static List<String> python(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
            String text = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), text);
            return text.lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }
}
