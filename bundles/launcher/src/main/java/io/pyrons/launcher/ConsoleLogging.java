package io.pyrons.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.pyrons.protocol.logging.PyroLogging;

/**
 * The runtime's console: like pyro4-ns, it shows only warnings and errors (a protocol error, a refused
 * serializer), one line each on stderr; informational log lines stay out of the startup output. A user's own
 * {@code java.util.logging.config.file} wins.
 * <p>
 * During the start the console holds what is logged: a part that cannot start says why in its status, and
 * pyro-ns prints that as its one error line, as pyro4-ns prints one traceback; the parts' own log lines about it
 * would only say it again. Once the name server runs, what was held is shown; when the start fails, it is dropped,
 * and so is what the stop logs after it.
 * <p>
 * {@code PYRO_LOGLEVEL} adds Pyro4's log ({@link PyroLogging}): a file, kept whatever the start does, beside the
 * console; with {@code PYRO_LOGFILE={stderr}} that log is the console (in Pyro4's format), as in Pyro4.
 */
final class ConsoleLogging {
    /** Records held during the start at the most; more would only be the same failure again. */
    static final int MAX_HELD = 1000;

    /** {@code null} when the user configured logging. */
    private final HeldConsole console;

    private ConsoleLogging(HeldConsole console) {
        this.console = console;
    }

    /** {@code log}: what {@code PYRO_LOGLEVEL} and {@code PYRO_LOGFILE} ask for; ignored when the user configured logging. */
    static ConsoleLogging install(PyroLogging.Setup log) {
        if (PyroLogging.userConfigured()) {
            return new ConsoleLogging(null);
        }
        // configured in place, not by reading a configuration: that would drop the handlers bundles added already
        // (the Log Service's, OsgiLogBridge); the JDK's default console handler goes, ours replaces it
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        root.setLevel(Level.INFO);
        HeldConsole console = new HeldConsole();
        root.addHandler(console);
        Handler pyroLog = PyroLogging.install(log);
        if (pyroLog != null && PyroLogging.writesToStderr(pyroLog)) {
            root.removeHandler(console); // the log is the console now; the same lines twice would only confuse
            return new ConsoleLogging(null);
        }
        return new ConsoleLogging(console);
    }

    /** The name server runs: show what was held, and from now on everything as it comes. */
    void started() {
        if (console != null) {
            console.release(true);
        }
    }

    /** The start failed and pyro-ns has said why: drop what was held and what the stop logs. */
    void failed() {
        if (console != null) {
            console.release(false);
        }
    }

    /** {@code WARNING: message}, and an exception's stack trace below it. */
    static final class LevelAndMessage extends Formatter {
        @Override
        public String format(LogRecord record) {
            return record.getLevel().getLocalizedName() + ": " + PyroLogging.messageWithThrown(this, record)
                    + System.lineSeparator();
        }
    }

    /** stderr, WARNING and above, one line a record; held until {@link #release}. */
    static final class HeldConsole extends Handler {
        private final List<LogRecord> held = new ArrayList<>();
        private boolean holding = true;
        private boolean showing;

        HeldConsole() {
            setLevel(Level.WARNING);
            setFormatter(new LevelAndMessage());
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            if (holding) {
                if (held.size() < MAX_HELD) {
                    held.add(record);
                }
            } else if (showing) {
                write(record);
            }
        }

        synchronized void release(boolean show) {
            if (!holding) {
                return;
            }
            holding = false;
            showing = show;
            if (show) {
                held.forEach(this::write);
            }
            held.clear();
        }

        private void write(LogRecord record) {
            System.err.print(getFormatter().format(record));
            System.err.flush();
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
