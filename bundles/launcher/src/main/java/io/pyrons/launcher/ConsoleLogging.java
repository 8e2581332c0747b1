package io.pyrons.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The runtime's console: like pyro4-ns, it shows only warnings and errors (a protocol error, a refused
 * serializer), one line each on stderr; informational log lines stay out of the startup output. A user's own
 * {@code java.util.logging.config.file} wins.
 */
final class ConsoleLogging {
    private static final String CONFIGURATION = """
            handlers = java.util.logging.ConsoleHandler
            .level = INFO
            java.util.logging.ConsoleHandler.level = WARNING
            java.util.logging.SimpleFormatter.format = %4$s: %5$s%6$s%n
            """;

    private ConsoleLogging() {
    }

    static void install() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try {
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            System.err.println("pyro-ns: warning: cannot configure logging: " + e.getMessage());
        }
    }
}
