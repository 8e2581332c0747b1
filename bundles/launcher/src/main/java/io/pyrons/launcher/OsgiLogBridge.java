package io.pyrons.launcher;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.admin.LoggerAdmin;

import io.pyrons.protocol.logging.PyroLogging;

/**
 * The runtime's two logs made one, as Pax Logging makes them one in Karaf. pyrons's bundles log through
 * {@code System.Logger}, which is {@code java.util.logging} (the console, {@code PYRO_LOGFILE}); the framework's
 * bundles (SCR, Config Admin) log through the OSGi Log Service, whose {@link LogReaderService} keeps the recent
 * entries that {@code log:display} and {@code felix:log} show. This copies each {@code java.util.logging} record
 * into the Log Service, and each Log Service entry of another bundle at WARN or above into
 * {@code java.util.logging}, so the console and the file show a component that failed to activate.
 * <p>
 * Levels are decided once, by {@code java.util.logging} ({@code PYRO_LOGLEVEL}): what reaches this handler is
 * stored, whatever the Log Service's own default level (WARN) says for other bundles.
 */
@Component(immediate = true, service = {})
public class OsgiLogBridge {
    /** The Log Service's loggers for framework, bundle and service events. */
    static final String EVENTS = "Events.";
    /** Set while an entry of the Log Service is logged to java.util.logging, so that it does not come back. */
    private static final ThreadLocal<Boolean> FORWARDING = ThreadLocal.withInitial(() -> false);

    private final LoggerFactory loggers;
    private final LogReaderService reader;
    /**
     * The bundle the copies are logged for: the framework's. Not ours: SCR logs our components' lifecycle under
     * our bundle, in every detail once its level lets it; the framework's bundle logs nothing but its events.
     */
    private final Bundle framework;
    private final Handler toLogService = new ToLogService();
    private final LogListener fromLogService = this::logged;

    @Activate
    public OsgiLogBridge(BundleContext context, @Reference LoggerFactory loggers, @Reference LoggerAdmin admin,
                         @Reference LogReaderService reader) {
        this.loggers = loggers;
        this.reader = reader;
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        // every level: java.util.logging has filtered already
        admin.getLoggerContext(framework.getSymbolicName()).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.TRACE));
        toLogService.setLevel(Level.ALL);
        java.util.logging.Logger.getLogger("").addHandler(toLogService);
        reader.addLogListener(fromLogService);
    }

    @Deactivate
    void deactivate() {
        java.util.logging.Logger.getLogger("").removeHandler(toLogService);
        reader.removeLogListener(fromLogService);
    }

    /** Another bundle's Log Service entry at WARN or above, into java.util.logging under its logger's name. */
    private void logged(LogEntry entry) {
        if (entry.getLogLevel() != LogLevel.WARN && entry.getLogLevel() != LogLevel.ERROR
                || isCopy(entry)) {
            return; // what the Log Service keeps for the reader only (bundle events, ...), and our own copies
        }
        LogRecord record = new LogRecord(entry.getLogLevel() == LogLevel.WARN ? Level.WARNING : Level.SEVERE,
                (entry.getBundle() == null ? "" : "[" + entry.getBundle().getSymbolicName() + "] ") + entry.getMessage());
        record.setLoggerName(entry.getLoggerName());
        record.setThrown(entry.getException());
        record.setInstant(java.time.Instant.ofEpochMilli(entry.getTime()));
        FORWARDING.set(true);
        try {
            java.util.logging.Logger.getLogger(entry.getLoggerName()).log(record);
        } finally {
            FORWARDING.set(false);
        }
    }

    /** One of ours: logged for the framework's bundle under a logger name that is not one of its events'. */
    private boolean isCopy(LogEntry entry) {
        return entry.getBundle() != null && entry.getBundle().getBundleId() == Constants.SYSTEM_BUNDLE_ID
                && !entry.getLoggerName().startsWith(EVENTS);
    }

    /** java.util.logging's records, into the Log Service under the same logger name and message. */
    private final class ToLogService extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (FORWARDING.get() || !isLoggable(record)) {
                return;
            }
            Logger logger = loggers.getLogger(framework,
                    record.getLoggerName() == null ? Logger.ROOT_LOGGER_NAME : record.getLoggerName(), Logger.class);
            // OSGi's loggers fill in {} placeholders: a message's own {} (an empty dict) is escaped
            String message = PyroLogging.message(record).replace("{}", "\\{}");
            Throwable thrown = record.getThrown();
            int level = record.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                logger.error(message, thrown);
            } else if (level >= Level.WARNING.intValue()) {
                logger.warn(message, thrown);
            } else if (level >= Level.CONFIG.intValue()) {
                logger.info(message, thrown);
            } else if (level >= Level.FINE.intValue()) {
                logger.debug(message, thrown);
            } else {
                logger.trace(message, thrown);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
