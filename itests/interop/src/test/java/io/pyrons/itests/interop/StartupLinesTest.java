package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user sees when starting the server: the startup lines, -h, and an unknown option. */
class StartupLinesTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    @ParameterizedTest(name = "options: {0}")
    @ValueSource(strings = {"", "-x"})
    void pyronsStartupLinesEqualPyro4Ns(String options) {
        List<String> expected = startupLines(ServerKind.PYRO4_NS, options);
        assertEquals(4, expected.size(), "pyro4-ns printed " + expected);
        assertEquals("NS running on 127.0.0.1:PORT (127.0.0.1)", expected.get(1));
        Transcripts.assertSameLines("startup lines", expected, startupLines(ServerKind.PYRONS, options));
    }

    @Test
    void pyronsPrintsShutdownLineOnSigterm() {
        NameServerProcess server = NameServerProcess.start(ServerKind.PYRONS);
        server.close();
        assertTrue(server.stdoutLines().contains("NS shut down."),
                "no 'NS shut down.' after SIGTERM\n" + server.output());
    }

    @Test
    void pyronsHelpEqualsPyro4NsModuloProgramName() {
        ProcessResult expected = run(ServerKind.PYRO4_NS, "-h");
        assertEquals(0, expected.exitCode(), expected.describe());
        assertTrue(expected.stdout().startsWith("Usage: pyro4-ns [options]"), expected.describe());
        ProcessResult actual = run(ServerKind.PYRONS, "-h");
        assertEquals(0, actual.exitCode(), actual.describe());
        Transcripts.assertSameLines("-h output", withoutProgramName(expected.stdout()), withoutProgramName(actual.stdout()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PYRO4_NS", "PYRONS"})
    void unknownOptionExitsWithTwo(ServerKind kind) {
        ProcessResult result = run(kind, "--no-such-option");
        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("no such option"), result.describe());
        assertTrue(result.stderr().contains("--no-such-option"), result.describe());
    }

    private static List<String> startupLines(ServerKind kind, String options) {
        String[] extra = options.isEmpty() ? new String[0] : options.split(" ");
        NameServerProcess server = NameServerProcess.start(kind, extra);
        try (server) {
            var lines = new ArrayList<String>();
            for (String line : server.stdoutLines()) {
                lines.add(line.replaceAll("(?<!\\d)" + server.port() + "(?!\\d)", "PORT"));
                if (line.startsWith("URI = ")) {
                    break;
                }
            }
            return lines;
        }
    }

    private static ProcessResult run(ServerKind kind, String... options) {
        return Commands.run(kind.commandWith(List.of(options)), kind.environment(), null, COMMAND_TIMEOUT);
    }

    private static List<String> withoutProgramName(String text) {
        return text.replace("pyro4-ns", "PROGRAM").replace("pyro-ns", "PROGRAM").lines().toList();
    }
}
