package io.pyrons.protocol.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Pyro4 4.82's {@code _configLogging} makes of {@code PYRO_LOGLEVEL} and {@code PYRO_LOGFILE}, on
 * {@code java.util.logging}:
 * <ul>
 * <li>{@code PYRO_LOGLEVEL} unset or empty: no log (Pyro4 silences its loggers; no file is created);</li>
 * <li>otherwise it must name one of Python's logging levels ({@code CRITICAL FATAL ERROR WARNING WARN INFO DEBUG
 * NOTSET}, upper case as Python's {@code getattr(logging, level)} wants them);</li>
 * <li>{@code PYRO_LOGFILE} names the file, {@code pyro.log} in the current directory by default, created if missing
 * and appended to; {@code {stderr}} logs to standard error instead. A file that cannot be written falls back to
 * standard error in Python's basic format, with Pyro4's warning;</li>
 * <li>each entry is {@code [2026-12-02 05:13:53.618,LOGGER,LEVEL] message} with Python's level names; an entry with
 * an exception carries its stack trace and causes on the following lines, written at once so that no other entry
 * comes between them;</li>
 * <li>the first entry says {@code Pyro log configured using built-in defaults, level=LEVEL}, as Pyro4's does;</li>
 * <li>{@code DEBUG} is pyrons's own debug output (loggers {@code io.pyrons.*}); the libraries' debug output (JLine
 * probing terminals, ...) comes with {@code NOTSET} only, which lets everything through.</li>
 * </ul>
 * Our loggers are named by package ({@code io.pyrons.server}, ...), where Pyro4's are named {@code Pyro4.*}.
 */
public final class PyroLogging {
    public static final String LEVEL_VARIABLE = "PYRO_LOGLEVEL";
    public static final String FILE_VARIABLE = "PYRO_LOGFILE";
    /** {@code PYRO_LOGFILE} for standard error. */
    public static final String STDERR = "{stderr}";
    public static final String DEFAULT_FILE = "pyro.log";
    /** The logger our own lines about the log itself go to (Pyro4 uses {@code Pyro4}). */
    public static final String LOGGER = "io.pyrons";

    /** Python's {@code logging.CRITICAL}: above {@link Level#SEVERE}, which is Python's {@code ERROR}. */
    public static final Level CRITICAL = new PythonLevel("CRITICAL", 1100);

    /** Python's level names, as {@code getattr(logging, NAME)} accepts them, and what each lets through. */
    private static final Map<String, Level> LEVELS = Map.of(
            "CRITICAL", CRITICAL, "FATAL", CRITICAL, "ERROR", Level.SEVERE, "WARNING", Level.WARNING,
            "WARN", Level.WARNING, "INFO", Level.INFO, "DEBUG", Level.FINE, "NOTSET", Level.ALL);
    private static final List<String> LEVEL_ORDER =
            List.of("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "NOTSET");

    /** Held: java.util.logging keeps loggers only weakly, and with them the level set here. */
    private static final Logger PYRONS = Logger.getLogger(LOGGER);

    private static final Formatter MESSAGES = new PyroFormatter();

    /** No log: what an environment without {@code PYRO_LOGLEVEL} asks for. */
    public static final Setup OFF = new Setup(null, null, Path.of(DEFAULT_FILE));

    private PyroLogging() {
    }

    /**
     * The log the environment asks for.
     *
     * @param level    the threshold, {@code null} when {@code PYRO_LOGLEVEL} asks for no log
     * @param levelName {@code PYRO_LOGLEVEL} as given
     * @param file     where to write, {@code null} for standard error ({@code {stderr}})
     */
    public record Setup(Level level, String levelName, Path file) {
        public boolean enabled() {
            return level != null;
        }

        public boolean toStderr() {
            return file == null;
        }
    }

    /**
     * Reads {@code PYRO_LOGLEVEL} and {@code PYRO_LOGFILE}; an {@link IllegalArgumentException} naming the variable
     * for a level Python has no name for (Pyro4 fails there too, with Python's {@code AttributeError}).
     */
    public static Setup read(Map<String, String> env) {
        String name = env.get(LEVEL_VARIABLE);
        String file = env.getOrDefault(FILE_VARIABLE, DEFAULT_FILE);
        Path path = STDERR.equals(file) ? null : Path.of(expandUser(file));
        if (name == null || name.isEmpty()) {
            return new Setup(null, name, path);
        }
        Level level = LEVELS.get(name);
        if (level == null) {
            throw new IllegalArgumentException(LEVEL_VARIABLE + ": not a logging level: " + name + " (one of "
                    + String.join(", ", LEVEL_ORDER) + ")");
        }
        return new Setup(level, name, path);
    }

    /** {@code ~} and {@code ~/...} as Python's {@code os.path.expanduser} reads them for the current user. */
    private static String expandUser(String file) {
        if (file.equals("~") || file.startsWith("~/")) {
            return System.getProperty("user.home") + file.substring(1);
        }
        return file;
    }

    /**
     * Whether the user configured {@code java.util.logging} ({@code java.util.logging.config.file} or
     * {@code .class}): that configuration is theirs, and {@code PYRO_LOGLEVEL} leaves it alone, as Pyro4 leaves a
     * logging configuration made before its import.
     */
    public static boolean userConfigured() {
        return System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null;
    }

    /**
     * For a program whose only log is Pyro4's (pyro-nsc): no console handler of the JDK's default configuration,
     * so nothing is logged without {@code PYRO_LOGLEVEL}, as in Pyro4; then {@link #install}. Nothing changes when
     * the {@linkplain #userConfigured user configured} logging.
     */
    public static void installAlone(Setup setup) {
        if (userConfigured()) {
            return;
        }
        java.util.logging.LogManager.getLogManager().reset();
        install(setup);
    }

    /**
     * Sends the root logger's records at {@code setup}'s level and above to its file (or standard error) and lowers
     * the root logger's level to it where needed; nothing when {@code setup} asks for no log. Returns the handler
     * added, {@code null} for none.
     */
    public static Handler install(Setup setup) {
        if (!setup.enabled()) {
            return null;
        }
        Logger root = Logger.getLogger("");
        Handler handler;
        String fallbackReason = null;
        if (setup.toStderr()) {
            handler = new EntryHandler(System.err, false, new PyroFormatter());
        } else {
            OutputStream file;
            try {
                file = new FileOutputStream(setup.file().toFile(), true);
            } catch (IOException e) {
                file = null;
                fallbackReason = e.getMessage();
            }
            handler = file != null
                    ? new EntryHandler(file, true, new PyroFormatter())
                    : new EntryHandler(System.err, false, new BasicFormatter());
        }
        handler.setLevel(setup.level());
        root.addHandler(handler);
        // DEBUG is pyrons's debug output; the libraries' (JLine's terminal probing, ...) only with NOTSET
        Logger log = setup.level() == Level.ALL ? root : PYRONS;
        if (effectiveLevel(log) > setup.level().intValue()) {
            log.setLevel(setup.level());
        }
        log = PYRONS;
        if (fallbackReason != null) {
            log.log(Level.WARNING, "unable to write to the desired logfile (access rights?), falling back to console "
                    + "logger: {0}", fallbackReason);
        }
        log.log(Level.INFO, "Pyro log configured using built-in defaults, level={0}", setup.levelName());
        return handler;
    }

    /** Whether {@code handler} (one {@link #install} returned) writes to standard error: {@code {stderr}} or the fallback. */
    public static boolean writesToStderr(Handler handler) {
        return handler instanceof EntryHandler entries && !entries.closeable;
    }

    private static int effectiveLevel(Logger logger) {
        for (Logger l = logger; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel().intValue();
            }
        }
        return Level.INFO.intValue();
    }

    /** Python's name for a level: DEBUG below INFO, ERROR for SEVERE, CRITICAL above it. */
    public static String levelName(Level level) {
        int value = level.intValue();
        if (value > Level.SEVERE.intValue()) {
            return "CRITICAL";
        } else if (value == Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        } else if (value >= Level.CONFIG.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    /** The record's message with its parameters ({@code {0}}, as {@code System.Logger} passes them) filled in. */
    public static String message(LogRecord record) {
        return MESSAGES.formatMessage(record);
    }

    /** The record's message with its parameters, and its exception's stack trace and causes below it. */
    public static String messageWithThrown(Formatter formatter, LogRecord record) {
        String message = formatter.formatMessage(record);
        if (record.getThrown() == null) {
            return message;
        }
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return message + System.lineSeparator() + trace.toString().stripTrailing();
    }

    /** Pyro4's file format: {@code [%(asctime)s.%(msecs)03d,%(name)s,%(levelname)s] %(message)s}. */
    public static final class PyroFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord record) {
            return "[" + TIME.format(Instant.ofEpochMilli(record.getMillis())) + "," + record.getLoggerName() + ","
                    + levelName(record.getLevel()) + "] " + messageWithThrown(this, record) + System.lineSeparator();
        }
    }

    /** Python's {@code logging.BASIC_FORMAT}, {@code %(levelname)s:%(name)s:%(message)s}: the console fallback. */
    static final class BasicFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            return levelName(record.getLevel()) + ":" + record.getLoggerName() + ":" + messageWithThrown(this, record)
                    + System.lineSeparator();
        }
    }

    /**
     * Entries in UTF-8, one at a time, written whole and flushed, as Python's stream handlers do (a reader of the file sees
     * each entry as soon as it is logged). Unlike {@link java.util.logging.FileHandler}: no lock file beside the
     * log, and the name is a plain path (no {@code %} patterns).
     */
    static final class EntryHandler extends Handler {
        private final OutputStream out;
        private final boolean closeable;
        private boolean closed;

        /** {@code closeable}: a file of ours, closed with the handler (standard error is not). */
        EntryHandler(OutputStream out, boolean closeable, Formatter formatter) {
            this.out = out;
            this.closeable = closeable;
            setFormatter(formatter);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (closed || !isLoggable(record)) {
                return;
            }
            String entry;
            try {
                entry = getFormatter().format(record);
            } catch (RuntimeException e) {
                reportError(null, e, ErrorManager.FORMAT_FAILURE);
                return;
            }
            try {
                out.write(entry.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.WRITE_FAILURE);
            }
        }

        @Override
        public synchronized void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.FLUSH_FAILURE);
            }
        }

        @Override
        public synchronized void close() {
            flush();
            closed = true;
            if (closeable) {
                try {
                    out.close();
                } catch (IOException e) {
                    reportError(null, e, ErrorManager.CLOSE_FAILURE);
                }
            }
        }
    }

    /** A level Java has no constant for. */
    private static final class PythonLevel extends Level {
        private static final long serialVersionUID = 1L;

        PythonLevel(String name, int value) {
            super(name, value);
        }
    }
}
