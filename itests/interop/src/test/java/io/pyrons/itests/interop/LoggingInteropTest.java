package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PYRO_LOGLEVEL and PYRO_LOGFILE as an operator of pyro4-ns uses them, against pyrons.jar and pyro-nsc, with real
 * Pyro4 4.82 traffic; pyro4-ns and pyro4-nsc, run the same way, show that the test asks what Pyro4 does.
 */
class LoggingInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** An entry's first line: {@code [2026-12-02 05:13:53.618,LOGGER,LEVEL] message}, Pyro4's format. */
    private static final Pattern ENTRY =
            Pattern.compile("^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3},([^,\\]]+),(DEBUG|INFO|WARNING|ERROR|CRITICAL)\\] (.*)$");

    @TempDir
    Path dir;

    /**
     * DEBUG to a file that exists: appended to; start-up, each connection opened and closed, the failed calls with
     * their reason, a storage switch made in the runtime's console, and the stop; log:display shows the switch.
     */
    @Test
    void debugLogFileShowsStartTrafficFailuresSwitchAndStop() throws IOException {
        Path log = dir.resolve("ns.log");
        Files.writeString(log, "an earlier run\n");
        Path store = dir.resolve("names.sqlite");
        Map<String, String> env = Map.of("PYRO_LOGLEVEL", "DEBUG", "PYRO_LOGFILE", log.toString(),
                // an interactive Gogo console on the process's stdin (a pipe), to switch the storage
                "JAVA_TOOL_OPTIONS", "-Dgosh.args=--noshutdown");
        String prefix;
        List<String> displayed;
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, env)) {
            prefix = pyrons.host() + ":" + pyrons.port();
            ProcessResult traffic = traffic(pyrons);
            assertEquals(List.of("lookup NamingError: unknown name: no.such.name", "register PyroError: invalid uri",
                    "count 1"), traffic.stdout().lines().toList(), traffic.describe());

            pyrons.sendLine("admin = $.context service ($.context getServiceReference org.osgi.service.cm.ConfigurationAdmin)");
            pyrons.sendLine("naming = $admin getConfiguration io.pyrons.naming \"?\"");
            pyrons.sendLine("settings = $naming properties");
            pyrons.sendLine("$settings put storage sql:" + store);
            pyrons.sendLine("$naming update $settings");
            String switched = "name server switched from memory to sql:" + store;
            awaitLine(log, line -> line.contains(switched), pyrons);

            int mark = pyrons.stdoutLines().size();
            pyrons.sendLine("log:display 20");
            String shown = pyrons.awaitNewOutputLine(mark, Integer.MAX_VALUE, line -> line.contains(switched), TIMEOUT);
            assertTrue(shown != null && ENTRY.matcher(shown.replaceFirst("^\\S*! ", "")).matches(),
                    "log:display shows the switch as the file does\n" + pyrons.output());
            displayed = pyrons.stdoutLines();
        }
        List<String> lines = awaitLine(log, line -> line.endsWith("] NS shut down."), null);
        String text = String.join("\n", lines);
        assertEquals("an earlier run", lines.get(0), "appended, as Python's basicConfig(filename=...) does");
        assertTrue(entry(lines, "io.pyrons", "INFO", "Pyro log configured using built-in defaults, level=DEBUG"), text);
        assertTrue(entry(lines, "io.pyrons.server", "INFO", "Pyro daemon listening on " + prefix), text);
        assertTrue(entry(lines, "io.pyrons.launcher", "INFO", "started: ")
                && text.contains("URI = PYRO:Pyro.NameServer@" + prefix), text);
        assertTrue(entry(lines, "io.pyrons.server", "DEBUG", "connected 127.0.0.1:"), text);
        assertTrue(entry(lines, "io.pyrons.server", "DEBUG", "connection 127.0.0.1:"), text);
        assertTrue(entry(lines, "io.pyrons.server", "DEBUG", "Exception occurred while handling request from 127.0.0.1:")
                && text.contains("(Pyro.NameServer.lookup): NamingError: unknown name: no.such.name"), text);
        assertTrue(text.contains("(Pyro.NameServer.register): PyroError: invalid uri"), text);
        assertTrue(entry(lines, "io.pyrons.naming", "INFO", "name server switched from memory to sql:" + store), text);
        assertTrue(entry(lines, "io.pyrons.launcher", "INFO", "NS shut down."), text);
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(ENTRY.matcher(line).matches(), "every line an entry in Pyro4's format: " + line + "\n" + text);
        }
        assertFalse(displayed.isEmpty());
    }

    /** The same format pyro4-ns writes: its first entry, from the oracle, matches what the test asks of pyrons. */
    @Test
    void pyro4NsWritesTheFormatTheTestExpects() throws IOException {
        Path log = dir.resolve("pyro4.log");
        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS,
                Map.of("PYRO_LOGLEVEL", "INFO", "PYRO_LOGFILE", log.toString()))) {
            List<String> lines = awaitLine(log, line -> line.contains("nameserver daemon created"), pyro4);
            assertTrue(entry(lines, "Pyro4", "INFO", "Pyro log configured using built-in defaults, level=INFO"),
                    String.join("\n", lines));
        }
    }

    /** A level that hides DEBUG: start-up is there, the connections and the failed calls (DEBUG) are not. */
    @Test
    void infoHidesDebug() throws IOException {
        Path log = dir.resolve("info.log");
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS,
                Map.of("PYRO_LOGLEVEL", "INFO", "PYRO_LOGFILE", log.toString()))) {
            ProcessResult traffic = traffic(pyrons);
            assertEquals(0, traffic.exitCode(), traffic.describe());
        }
        List<String> lines = awaitLine(log, line -> line.endsWith("] NS shut down."), null);
        String text = String.join("\n", lines);
        assertTrue(entry(lines, "io.pyrons.server", "INFO", "Pyro daemon listening on "), text);
        assertFalse(text.contains(",DEBUG]"), text);
        assertFalse(text.contains("connected 127.0.0.1"), text);
    }

    /** {@code {stderr}}: the entries on standard error, in Pyro4's format, as pyro4-ns writes them there. */
    @Test
    void stderrTakesTheLog() {
        Map<String, String> env = Map.of("PYRO_LOGLEVEL", "INFO", "PYRO_LOGFILE", "{stderr}");
        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS, env)) {
            assertTrue(pyro4.stderrLines().stream().anyMatch(l -> l.matches("^\\[.*,Pyro4,INFO\\] Pyro log configured using built-in defaults, level=INFO$")),
                    pyro4.output());
        }
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, env)) {
            assertTrue(pyrons.awaitNewOutputLine(Integer.MAX_VALUE, 0, l -> l.contains(",io.pyrons.launcher,INFO] started: "),
                    TIMEOUT) != null, pyrons.output());
            List<String> stderr = pyrons.stderrLines();
            assertTrue(stderr.stream().anyMatch(l -> l.matches("^\\[.*,io\\.pyrons,INFO\\] Pyro log configured using built-in defaults, level=INFO$")),
                    pyrons.output());
            assertTrue(stderr.stream().allMatch(l -> ENTRY.matcher(l).matches()), pyrons.output());
            assertTrue(pyrons.stdoutLines().contains("URI = PYRO:Pyro.NameServer@" + pyrons.host() + ":" + pyrons.port()),
                    "stdout keeps pyro4-ns's lines\n" + pyrons.output());
        }
    }

    /** A start that fails: the console shows one line, the log keeps the reason with its cause, in one entry. */
    @Test
    void aFailedStartIsInTheLogWithItsCause() throws IOException {
        Path log = dir.resolve("failed.log");
        Path notADatabase = dir.resolve("garbage.sqlite");
        Files.write(notADatabase, "this is not a SQLite database, it is text long enough to be read as a header..."
                .repeat(20).getBytes(StandardCharsets.US_ASCII));
        var command = ServerKind.PYRONS.commandWith(List.of("-n", "127.0.0.1", "-p", "0", "-s", "sql:" + notADatabase));
        ProcessResult result = Commands.run(command, Map.of("PYRO_LOGLEVEL", "ERROR", "PYRO_LOGFILE", log.toString()),
                null, TIMEOUT);
        assertEquals(1, result.exitCode(), result.describe());
        List<String> lines = Files.readAllLines(log);
        String text = String.join("\n", lines);
        assertTrue(entry(lines, "io.pyrons.launcher", "ERROR", "name server not started: sql:" + notADatabase
                + " is not a SQLite database or is corrupt ([SQLITE_NOTADB]"), text);
        assertFalse(text.contains(",INFO]"), "ERROR hides INFO: " + text);
        assertEquals(1, result.stderr().lines().count(), result.describe());
    }

    /** A level Python has no name for ends both at once, status 1; pyrons says so in one line. */
    @Test
    void anUnknownLevelIsRefused() {
        Map<String, String> env = Map.of("PYRO_LOGLEVEL", "VERBOSE", "PYRO_LOGFILE", dir.resolve("x.log").toString());
        ProcessResult pyro4 = Commands.run(ServerKind.PYRO4_NS.commandWith(List.of("-h")), env, null, TIMEOUT);
        assertEquals(1, pyro4.exitCode(), pyro4.describe());
        assertTrue(pyro4.stderr().strip().endsWith("AttributeError: module 'logging' has no attribute 'VERBOSE'"), pyro4.describe());
        ProcessResult pyrons = Commands.run(ServerKind.PYRONS.commandWith(List.of("-h")), env, null, TIMEOUT);
        assertEquals(1, pyrons.exitCode(), pyrons.describe());
        assertEquals("", pyrons.stdout(), pyrons.describe());
        assertEquals("pyro-ns: error: PYRO_LOGLEVEL: not a logging level: VERBOSE (one of CRITICAL, FATAL, ERROR, WARNING, "
                + "WARN, INFO, DEBUG, NOTSET)\n", pyrons.stderr(), pyrons.describe());
    }

    /** pyro-nsc writes its log as pyro4-nsc does: locating the name server, connecting to it, releasing it. */
    @Test
    void pyroNscWritesItsLog() throws IOException {
        Path pyroNsc = NscUnixSocketTest.pyroNsc();
        Python python = Python.locate();
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            String uri = "PYRO:Pyro.NameServer@" + pyrons.host() + ":" + pyrons.port();
            Path pyro4Log = dir.resolve("pyro4-nsc.log");
            ProcessResult pyro4 = Commands.run(List.of(python.interpreter(), "-m", "Pyro4.nsc", "-n", pyrons.host(), "-p",
                    Integer.toString(pyrons.port()), "ping"), Map.of("PYRO_LOGLEVEL", "DEBUG", "PYRO_LOGFILE", pyro4Log.toString()),
                    null, TIMEOUT);
            Path ourLog = dir.resolve("pyro-nsc.log");
            Files.writeString(ourLog, "an earlier run\n");
            ProcessResult ours = Commands.run(List.of(pyroNsc.toString(), "-n", pyrons.host(), "-p",
                    Integer.toString(pyrons.port()), "ping"), Map.of("PYRO_LOGLEVEL", "DEBUG", "PYRO_LOGFILE", ourLog.toString()),
                    null, TIMEOUT);
            assertEquals(pyro4.stdout(), ours.stdout(), ours.describe());
            assertEquals("", ours.stderr(), "the log goes to its file only\n" + ours.describe());
            for (var log : List.of(Map.entry(pyro4Log, "Pyro4"), Map.entry(ourLog, "io.pyrons"))) {
                List<String> lines = Files.readAllLines(log.getKey());
                String text = String.join("\n", lines);
                assertTrue(entry(lines, log.getValue(), "INFO", "Pyro log configured using built-in defaults, level=DEBUG"), text);
                assertTrue(lines.stream().anyMatch(l -> l.endsWith(",DEBUG] locating the NS: " + uri)), text);
                assertTrue(lines.stream().anyMatch(l -> l.endsWith(",DEBUG] connecting to " + uri)), text);
                assertTrue(lines.stream().anyMatch(l -> l.endsWith(",DEBUG] located NS")), text);
                assertTrue(lines.stream().anyMatch(l -> l.endsWith(",DEBUG] connection released")), text);
            }
            assertEquals("an earlier run", Files.readAllLines(ourLog).get(0));

            // without PYRO_LOGLEVEL: no log at all, as Pyro4
            Path none = dir.resolve("none.log");
            ProcessResult quiet = Commands.run(List.of(pyroNsc.toString(), "-n", pyrons.host(), "-p",
                    Integer.toString(pyrons.port()), "ping"), Map.of("PYRO_LOGFILE", none.toString()), null, TIMEOUT);
            assertEquals(0, quiet.exitCode(), quiet.describe());
            assertEquals("", quiet.stderr(), quiet.describe());
            assertFalse(Files.exists(none));
        }
    }

    private static ProcessResult traffic(NameServerProcess server) {
        return Python.locate().run("ns_log_traffic.py", List.of(server.host(), Integer.toString(server.port())), Map.of(), TIMEOUT);
    }

    /** Whether an entry of {@code logger} at {@code level} starts with {@code message}. */
    private static boolean entry(List<String> lines, String logger, String level, String message) {
        return lines.stream().map(ENTRY::matcher).anyMatch(m -> m.matches() && m.group(1).equals(logger)
                && m.group(2).equals(level) && m.group(3).startsWith(message));
    }

    /**
     * The file's lines once one matches {@code wanted} (bounded: {@link #TIMEOUT}); fails with the file and, if
     * given, the process's output.
     */
    private static List<String> awaitLine(Path log, Predicate<String> wanted, NameServerProcess server) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (lines.stream().anyMatch(wanted)) {
                return lines;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no such line in " + log + " within " + TIMEOUT + ":\n" + String.join("\n", lines)
                + (server == null ? "" : "\n" + server.output()));
    }
}
