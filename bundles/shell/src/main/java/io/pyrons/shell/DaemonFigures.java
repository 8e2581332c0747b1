package io.pyrons.shell;

import java.io.PrintStream;
import java.util.Locale;

import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The headline figures of the daemon's MBean ({@code io.pyrons:type=Daemon}) for {@code ns:status}: read from
 * the same service the JMX whiteboard registers, so the console and jconsole never disagree.
 */
final class DaemonFigures {
    static final String OBJECT_NAME = "io.pyrons:type=Daemon";

    private DaemonFigures() {
    }

    /** Prints the figures in ns:status's column layout; nothing when the MBean is not there. */
    static void print(DynamicMBean daemon, PrintStream out) {
        if (daemon == null) {
            return;
        }
        try {
            out.println(line("requests:", daemon.getAttribute("Requests") + " " + byKey(daemon, "RequestsByProtocol", "")
                    + ", " + byKey(daemon, "RequestsBySerializer", "")));
            out.println(line("latency (µs):", String.format(Locale.ROOT, "p50 %.0f, p99 %.0f, p99.9 %.0f, max %.0f",
                    daemon.getAttribute("LatencyP50Micros"), daemon.getAttribute("LatencyP99Micros"),
                    daemon.getAttribute("LatencyP999Micros"), daemon.getAttribute("LatencyMaxMicros"))));
            out.println(line("errors:", byKey(daemon, "ErrorsByKind", "")));
            out.println(line("connections:", daemon.getAttribute("ConnectionsAccepted") + " accepted, "
                    + daemon.getAttribute("ConnectionsRefused") + " refused, "
                    + daemon.getAttribute("ConnectionsClosedByTimeout") + " closed by timeout"));
            out.println(line("bytes in/out:", daemon.getAttribute("BytesIn") + " / " + daemon.getAttribute("BytesOut")));
        } catch (JMException | RuntimeException e) {
            out.println(line("figures:", "not available: " + e));
        }
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "%-24s%s", label, value);
    }

    /** A table attribute as {@code (key n, key n)}, or {@code none}. */
    private static String byKey(DynamicMBean daemon, String attribute, String prefix) throws JMException {
        StringBuilder text = new StringBuilder();
        for (Object row : ((TabularData) daemon.getAttribute(attribute)).values()) {
            CompositeData entry = (CompositeData) row;
            text.append(text.length() == 0 ? "" : ", ").append(prefix).append(entry.get("key")).append(' ')
                    .append(entry.get("value"));
        }
        return text.length() == 0 ? "none" : "(" + text + ")";
    }
}
