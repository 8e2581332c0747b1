package io.pyrons.launcher;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

import io.pyrons.protocol.values.PythonNumbers;
import io.pyrons.protocol.values.PythonRepr;

/**
 * The {@code PYRO_*} environment variables that pyro4-ns uses, converted as Pyro4's {@code configuration.py}
 * converts them (to the type of the default value, with Python's {@code int()}, {@code float()} and Pyro's boolean
 * words). {@code null} marks a setting whose variable is not set, where the default belongs to the server.
 */
record PyroEnvironment(String host, long nsPort, String nsBchost, long nsBcport, double nsAutoclean,
                       String nathost, long natport, Boolean compression, Double commTimeout,
                       Long maxMessageSize, String serializersAccepted, String hmacKey, Tls tls) {

    /** Pyro4's {@code SSL*} items for a server; file names as given. */
    record Tls(boolean enabled, String serverCert, String serverKey, String serverKeyPassword, String caCerts,
               boolean requireClientCert) {
    }

    private static final String PREFIX = "PYRO_";

    /** Reads {@code env}; {@link LaunchStop} (status 1) with Python's ValueError text for a value Pyro4 refuses. */
    static PyroEnvironment read(Map<String, String> env) {
        return new PyroEnvironment(
                env.getOrDefault(PREFIX + "HOST", "localhost"),
                integer(env, "NS_PORT", 9090),
                env.get(PREFIX + "NS_BCHOST"),
                integer(env, "NS_BCPORT", 9091),
                number(env, "NS_AUTOCLEAN", 0.0),
                env.get(PREFIX + "NATHOST"),
                integer(env, "NATPORT", 0),
                env.containsKey(PREFIX + "COMPRESSION") ? bool(env, "COMPRESSION") : null,
                env.containsKey(PREFIX + "COMMTIMEOUT") ? number(env, "COMMTIMEOUT", 0.0) : null,
                env.containsKey(PREFIX + "MAX_MESSAGE_SIZE") ? integer(env, "MAX_MESSAGE_SIZE", 0) : null,
                env.get(PREFIX + "SERIALIZERS_ACCEPTED"),
                env.get(PREFIX + "HMAC_KEY"),
                new Tls(env.containsKey(PREFIX + "SSL") && bool(env, "SSL"),
                        env.get(PREFIX + "SSL_SERVERCERT"), env.get(PREFIX + "SSL_SERVERKEY"),
                        env.get(PREFIX + "SSL_SERVERKEYPASSWD"), env.get(PREFIX + "SSL_CACERTS"),
                        env.containsKey(PREFIX + "SSL_REQUIRECLIENTCERT") && bool(env, "SSL_REQUIRECLIENTCERT")));
    }

    private static long integer(Map<String, String> env, String name, long defaultValue) {
        String text = env.get(PREFIX + name);
        if (text == null) {
            return defaultValue;
        }
        BigInteger value = PythonNumbers.parseInt(text, 10);
        if (value == null) {
            throw invalid(name, "invalid literal for int() with base 10: " + PythonRepr.string(text));
        }
        if (value.bitLength() > 31) {
            throw invalid(name, "value out of range: " + text);
        }
        return value.longValue();
    }

    private static double number(Map<String, String> env, String name, double defaultValue) {
        String text = env.get(PREFIX + name);
        if (text == null) {
            return defaultValue;
        }
        Double value = PythonNumbers.parseFloat(text);
        if (value == null) {
            throw invalid(name, "could not convert string to float: " + PythonRepr.string(text));
        }
        return value;
    }

    private static boolean bool(Map<String, String> env, String name) {
        String text = env.get(PREFIX + name);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "0", "off", "no", "false" -> false;
            case "1", "yes", "on", "true" -> true;
            default -> throw LaunchStop.error(1, "invalid boolean value: " + PREFIX + name + "=" + text.toLowerCase(Locale.ROOT));
        };
    }

    private static LaunchStop invalid(String name, String pythonMessage) {
        return LaunchStop.error(1, PREFIX + name + ": " + pythonMessage);
    }
}
