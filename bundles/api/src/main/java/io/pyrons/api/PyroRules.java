package io.pyrons.api;

import java.time.Duration;

/**
 * The rules Pyro4 4.82 applies to a name server's settings, stated once for the launcher (which refuses a command
 * line as pyro4-ns does), the daemon and the name server (which refuse a configuration made some other way, e.g. in
 * Karaf) and the client. A broken rule is an {@link IllegalArgumentException} with Pyro4's {@code ValueError} text.
 */
public final class PyroRules {
    /** Pyro4's {@code AutoCleaner.min_autoclean_value}: the shortest autoclean period, in seconds. */
    public static final int MIN_AUTOCLEAN = 3;

    /** How long the autoclean's check of a registered server waits when COMMTIMEOUT is 0. */
    public static final Duration AUTOCLEAN_CHECK_DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private PyroRules() {
    }

    /**
     * {@code NS_AUTOCLEAN}: at least {@value #MIN_AUTOCLEAN} seconds when it is on. Pyro4 cleans only when the
     * value is {@code > 0}, so 0, a negative value and NaN all mean off.
     */
    public static void checkAutoclean(double seconds) {
        if (seconds > 0 && seconds < MIN_AUTOCLEAN) {
            throw new IllegalArgumentException("NS_AUTOCLEAN cannot be smaller than " + MIN_AUTOCLEAN);
        }
    }

    /** Pyro4's {@code Daemon}: a NAT host cannot be given for a Unix domain socket ({@code null} or empty: not given). */
    public static void checkNatHost(String nathost, String unixsocket) {
        if (nathost != null && !nathost.isEmpty() && unixsocket != null && !unixsocket.isEmpty()) {
            throw new IllegalArgumentException("cannot use nathost together with unixsocket");
        }
    }

    /**
     * {@code COMMTIMEOUT} in seconds as a duration: {@link Duration#ZERO} means no timeout, as Pyro4 sets a socket
     * timeout only when it is not 0; a negative or NaN value is refused, as Python's {@code socket.settimeout} does.
     */
    public static Duration commTimeout(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException("COMMTIMEOUT must be a non-negative number of seconds, not " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** Pyro4's autoclean waits {@code config.COMMTIMEOUT or 5} seconds for a registered server to answer. */
    public static Duration autocleanCheckTimeout(Duration commTimeout) {
        return commTimeout.isZero() ? AUTOCLEAN_CHECK_DEFAULT_TIMEOUT : commTimeout;
    }
}
