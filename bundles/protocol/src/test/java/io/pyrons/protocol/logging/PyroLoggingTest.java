package io.pyrons.protocol.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pyrons.protocol.values.Python3;

/** PYRO_LOGLEVEL and PYRO_LOGFILE against what Python's logging (Pyro4 4.82's _configLogging) does. */
class PyroLoggingTest {
    /** Names a user may try: Python's level names, other spellings, and attributes of the logging module. */
    private static final List<String> NAMES = List.of("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG",
            "NOTSET", "debug", "Info", "warning", "VERBOSE", "TRACE", "10", "root", "BASIC_FORMAT", " DEBUG", "DEBUG ");
    /** Python's level for each of the levels pyrons logs at (System.Logger DEBUG..ERROR, and CRITICAL). */
    private static final Map<Level, Integer> PYTHON_VALUES = Map.of(Level.FINE, 10, Level.INFO, 20, Level.WARNING, 30,
            Level.SEVERE, 40, PyroLogging.CRITICAL, 50);

    @TempDir
    Path dir;
    private Handler[] savedHandlers;
    private Level savedLevel;

    @BeforeEach
    void saveRoot() {
        Logger root = Logger.getLogger("");
        savedHandlers = root.getHandlers();
        savedLevel = root.getLevel();
        for (Handler h : savedHandlers) {
            root.removeHandler(h);
        }
    }

    @AfterEach
    void restoreRoot() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        for (Handler h : savedHandlers) {
            root.addHandler(h);
        }
        root.setLevel(savedLevel);
        Logger.getLogger(PyroLogging.LOGGER).setLevel(null);
    }

    @Test
    void acceptsTheLevelNamesPythonAcceptsAndFiltersAsPython() throws Exception {
        // Pyro4: levelvalue = getattr(logging, level); basicConfig(level=levelvalue) takes an int (bools aside)
        List<String[]> python = Python3.run("""
                import logging
                for name in lines:
                    value = getattr(logging, name, None)
                    if isinstance(value, int) and not isinstance(value, bool):
                        out(name, str(value))
                    else:
                        out(name, "refused")
                """, NAMES);
        assertEquals(NAMES.size(), python.size());
        for (String[] row : python) {
            String name = row[0];
            Map<String, String> env = Map.of(PyroLogging.LEVEL_VARIABLE, name);
            if (row[1].equals("refused")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyroLogging.read(env), name);
                assertTrue(e.getMessage().startsWith("PYRO_LOGLEVEL: not a logging level: " + name), e.getMessage());
                continue;
            }
            int threshold = Integer.parseInt(row[1]);
            PyroLogging.Setup setup = PyroLogging.read(env);
            assertTrue(setup.enabled(), name);
            for (Map.Entry<Level, Integer> level : PYTHON_VALUES.entrySet()) {
                assertEquals(level.getValue() >= threshold, level.getKey().intValue() >= setup.level().intValue(),
                        name + " and a record at Python level " + level.getValue());
            }
        }
    }

    @Test
    void noLevelNoLog() {
        assertFalse(PyroLogging.read(Map.of()).enabled());
        assertFalse(PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "")).enabled());
        assertNull(PyroLogging.install(PyroLogging.read(Map.of(PyroLogging.FILE_VARIABLE, dir.resolve("x.log").toString()))));
        assertFalse(Files.exists(dir.resolve("x.log")), "no file without PYRO_LOGLEVEL, as Pyro4");
    }

    @Test
    void fileNames() {
        assertEquals(Path.of("pyro.log"), PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "INFO")).file());
        assertTrue(PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "INFO", PyroLogging.FILE_VARIABLE, "{stderr}")).toStderr());
        assertEquals(Path.of(System.getProperty("user.home"), "ns.log"),
                PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "INFO", PyroLogging.FILE_VARIABLE, "~/ns.log")).file());
    }

    @Test
    void entriesInPyro4sFormat() throws Exception {
        long millis = 1_796_200_433_618L; // a fixed instant; both sides render it in the local time zone
        List<LogRecord> records = new ArrayList<>();
        for (Level level : List.of(Level.FINE, Level.INFO, Level.WARNING, Level.SEVERE, PyroLogging.CRITICAL)) {
            LogRecord record = new LogRecord(level, "connected 127.0.0.1:{0} – é");
            record.setParameters(new Object[] {"5000"});
            record.setLoggerName("io.pyrons.server");
            record.setInstant(java.time.Instant.ofEpochMilli(millis));
            records.add(record);
        }
        List<String[]> python = Python3.run("""
                import logging
                formatter = logging.Formatter("[%(asctime)s.%(msecs)03d,%(name)s,%(levelname)s] %(message)s",
                                              "%Y-%m-%d %H:%M:%S")
                created = int(lines[0]) / 1000.0
                for level in (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL):
                    record = logging.LogRecord("io.pyrons.server", level, "", 0, lines[1], None, None)
                    record.created = created
                    record.msecs = int(lines[0]) % 1000
                    out(formatter.format(record))
                """, List.of(Long.toString(millis), "connected 127.0.0.1:5000 – é"));
        PyroLogging.PyroFormatter formatter = new PyroLogging.PyroFormatter();
        for (int i = 0; i < records.size(); i++) {
            assertEquals(python.get(i)[0] + System.lineSeparator(), formatter.format(records.get(i)));
        }
    }

    @Test
    void theFileIsCreatedAndAppendedToEntryByEntry() throws IOException {
        Path file = dir.resolve("ns.log");
        Files.writeString(file, "an older run\n");
        Handler handler = PyroLogging.install(PyroLogging.read(
                Map.of(PyroLogging.LEVEL_VARIABLE, "INFO", PyroLogging.FILE_VARIABLE, file.toString())));
        assertFalse(PyroLogging.writesToStderr(handler));
        Logger log = Logger.getLogger("io.pyrons.test");
        log.fine("hidden at INFO");
        log.info("shown at INFO");
        Exception cause = new IOException("No space left on device");
        log.log(Level.SEVERE, "a write failed", new UncheckedIOException("cannot write ns.sqlite", (IOException) cause));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8); // flushed: no close needed
        assertEquals("an older run", lines.get(0));
        assertTrue(lines.get(1).matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3},io\\.pyrons,INFO\\] "
                + "Pyro log configured using built-in defaults, level=INFO"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",io.pyrons.test,INFO] shown at INFO"), lines.get(2));
        assertTrue(lines.get(3).endsWith(",io.pyrons.test,ERROR] a write failed"), lines.get(3));
        // the exception and its cause follow their entry, before any other entry
        assertTrue(lines.get(4).startsWith("java.io.UncheckedIOException: cannot write ns.sqlite"), lines.get(4));
        int causeLine = lines.indexOf("Caused by: java.io.IOException: No space left on device");
        assertTrue(causeLine > 4, String.join("\n", lines));
        assertTrue(lines.subList(4, lines.size()).stream().noneMatch(l -> l.startsWith("[")), String.join("\n", lines));
        assertFalse(String.join("\n", lines).contains("hidden at INFO"));
    }

    @Test
    void aFileThatCannotBeWrittenFallsBackToStderr() {
        Handler handler = PyroLogging.install(PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "DEBUG",
                PyroLogging.FILE_VARIABLE, dir.resolve("missing/dir/ns.log").toString())));
        assertTrue(PyroLogging.writesToStderr(handler));
        assertEquals(Level.FINE, Logger.getLogger(PyroLogging.LOGGER).getLevel());
    }

    @Test
    void debugIsPyronsDebugOutputNotsetIsEverything() throws IOException {
        Path debug = dir.resolve("debug.log");
        PyroLogging.install(PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "DEBUG", PyroLogging.FILE_VARIABLE, debug.toString())));
        Logger.getLogger("io.pyrons.server").fine("connected 127.0.0.1:5000");
        Logger.getLogger("org.jline").fine("Unable to load ffm provider");
        Logger.getLogger("org.jline").info("a library's info");
        String text = Files.readString(debug);
        assertTrue(text.contains("connected 127.0.0.1:5000"), text);
        assertTrue(text.contains("a library's info"), text);
        assertFalse(text.contains("ffm"), text);
        restoreRoot();
        saveRoot();
        Path all = dir.resolve("all.log");
        PyroLogging.install(PyroLogging.read(Map.of(PyroLogging.LEVEL_VARIABLE, "NOTSET", PyroLogging.FILE_VARIABLE, all.toString())));
        Logger.getLogger("org.jline").finest("Unable to load ffm provider");
        assertTrue(Files.readString(all).contains(",org.jline,DEBUG] Unable to load ffm provider"), Files.readString(all));
    }
}
