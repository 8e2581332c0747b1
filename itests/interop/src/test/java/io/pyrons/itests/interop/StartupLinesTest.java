package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * Ctrl-C (SIGINT) and SIGTERM stop pyrons in order: its last line is {@code NS shut down.}, nothing appears on
     * stderr (no error from a framework storage deleted under stopping bundles), and the status is 128 + the
     * signal's number, as the JVM's own handling gives.
     */
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void pyronsStopsOnCtrlCAndSigtermWithTheShutdownLine(String signal, int status) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(Python.locate().interpreter(), "-c", EXEC_WITH_DEFAULT_SIGINT));
        command.addAll(ServerKind.PYRONS.commandWith(List.of("-n", "127.0.0.1", "-p", "0")));
        ManagedProcess server = ManagedProcess.start("pyrons", command, ServerKind.PYRONS.environment());
        try {
            server.awaitStdoutLine(command, Pattern.compile("^URI = .*"), "'URI = ' line", NameServerProcess.STARTUP_TIMEOUT);
            ProcessResult kill = Commands.run(List.of("kill", "-" + signal, Long.toString(server.pid())), Map.of(), null,
                    COMMAND_TIMEOUT);
            assertEquals(0, kill.exitCode(), kill.describe());
            assertTrue(server.awaitExit(COMMAND_TIMEOUT), "still running after SIG" + signal + "\n" + server.output());
            List<String> stdout = server.stdoutLines();
            assertEquals("NS shut down.", stdout.get(stdout.size() - 1), server.output());
            assertEquals(List.of(), server.stderrLines(), server.output());
            assertEquals(status, server.exitCode(), server.output());
        } finally {
            server.stop();
        }
    }

    /**
     * Execs the rest of its arguments with SIGINT handled by default: a process started in the background by a
     * non-interactive shell (a build, a CI job) inherits SIGINT ignored, and the JVM then leaves it ignored.
     */
    private static final String EXEC_WITH_DEFAULT_SIGINT = "import os, signal, sys\n"
            + "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
            + "os.execv(sys.argv[1], sys.argv[1:])\n";

    @Test
    void pyronsHelpEqualsPyro4NsModuloProgramName() {
        ProcessResult expected = run(ServerKind.PYRO4_NS, "-h");
        assertEquals(0, expected.exitCode(), expected.describe());
        assertTrue(expected.stdout().startsWith("Usage: pyro4-ns [options]"), expected.describe());
        ProcessResult actual = run(ServerKind.PYRONS, "-h");
        assertEquals(0, actual.exitCode(), actual.describe());
        Transcripts.assertSameLines("-h output", withoutProgramName(expected.stdout()), withoutProgramName(actual.stdout()));
    }

    /**
     * Issue 14 (-h in at most 0.3 s): {@code bin/pyro-ns -h} prints the launcher's help, which the build saved, without
     * starting a JVM: its JAVA_HOME here is a fake whose java only leaves a mark. {@code -h} as the value of an option
     * ({@code -n -h}: host "-h") is no help request, and goes to that java.
     */
    @Test
    void theScriptAnswersHelpWithoutStartingJava(@TempDir Path dir) throws IOException {
        Path script = ServerKind.requireJar().getParent().getParent().resolve("bin").resolve("pyro-ns");
        ProcessResult launcher = run(ServerKind.PYRONS, "-h");
        assertEquals(0, launcher.exitCode(), launcher.describe());
        Path fakeJdk = Files.createDirectories(dir.resolve("jdk").resolve("bin")).getParent();
        Path mark = dir.resolve("java-ran");
        Path java = fakeJdk.resolve("bin").resolve("java");
        Files.writeString(java, "#!/bin/sh\ntouch '" + mark + "'\nexit 1\n");
        assertTrue(java.toFile().setExecutable(true));
        Map<String, String> env = Map.of("JAVA_HOME", fakeJdk.toString());
        for (String help : List.of("-h", "--help")) {
            ProcessResult fast = Commands.run(List.of(script.toString(), help, "-n", "ignored"), env, null,
                    COMMAND_TIMEOUT);
            assertEquals(0, fast.exitCode(), fast.describe());
            assertEquals(launcher.stdout(), fast.stdout(), fast.describe());
            assertFalse(Files.exists(mark), "bin/pyro-ns " + help + " started java");
        }
        ProcessResult asValue = Commands.run(List.of(script.toString(), "-n", "-h"), env, null, COMMAND_TIMEOUT);
        assertEquals(1, asValue.exitCode(), asValue.describe());
        assertTrue(Files.exists(mark), "bin/pyro-ns -n -h did not start java: " + asValue.describe());
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
