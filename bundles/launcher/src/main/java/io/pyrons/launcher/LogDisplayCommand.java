package io.pyrons.launcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;

import io.pyrons.protocol.logging.PyroLogging;

/**
 * {@code log:display} in the runtime's Gogo console, as Karaf's: the recent entries the Log Service keeps (the last
 * {@code org.apache.felix.log.maxSize}, see pyrons.bndrun), oldest first, in the format of {@code PYRO_LOGFILE}.
 * The framework's own bundle and service events (loggers {@code Events.*}) are left out below WARN: the Log Service
 * keeps them, {@code felix:log} shows them. Karaf has its own {@code log:display}; this one is runtime only.
 */
@Component(service = LogDisplayCommand.class, property = {"osgi.command.scope=log", "osgi.command.function=display"})
public class LogDisplayCommand {
    private final LogReaderService reader;

    @Activate
    public LogDisplayCommand(@Reference LogReaderService reader) {
        this.reader = reader;
    }

    /** Every entry kept. */
    public String display() {
        return display(Integer.MAX_VALUE);
    }

    /** The last {@code count} entries. */
    public String display(int count) {
        List<LogEntry> entries = new ArrayList<>();
        Enumeration<LogEntry> log = reader.getLog(); // newest first
        while (log.hasMoreElements() && entries.size() < count) {
            LogEntry entry = log.nextElement();
            if (!entry.getLoggerName().startsWith(OsgiLogBridge.EVENTS) || !entry.getLogLevel().implies(LogLevel.INFO)) {
                entries.add(entry);
            }
        }
        Collections.reverse(entries);
        PyroLogging.PyroFormatter format = new PyroLogging.PyroFormatter();
        StringBuilder out = new StringBuilder();
        for (LogEntry entry : entries) {
            out.append(format.format(record(entry)));
        }
        return out.toString();
    }

    private static LogRecord record(LogEntry entry) {
        LogRecord record = new LogRecord(level(entry.getLogLevel()), entry.getMessage());
        record.setLoggerName(entry.getLoggerName());
        record.setThrown(entry.getException());
        record.setInstant(Instant.ofEpochMilli(entry.getTime()));
        return record;
    }

    static Level level(LogLevel level) {
        return switch (level) {
            case ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case AUDIT, INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINER;
        };
    }
}
