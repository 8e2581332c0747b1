package io.pyrons.client;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroRules;
import io.pyrons.protocol.values.PythonNumbers;
import io.pyrons.protocol.values.PythonRepr;

/**
 * The client side of Pyro4's configuration ({@code Pyro4.configuration}): where the name server is, how to
 * broadcast for it, the HMAC key, the serializer and the communication timeout.
 *
 * @param nsHost             {@code NS_HOST}, default {@code localhost}
 * @param nsPort             {@code NS_PORT}, default 9090
 * @param nsBcPort           {@code NS_BCPORT}, default 9091
 * @param broadcastAddresses {@code BROADCAST_ADDRS} parsed as Pyro4's {@code parseAddressesString}
 *                           ({@code <broadcast>} is the limited broadcast address, {@code ''} the empty string)
 * @param hmacKey            the HMAC key, or {@code null} for none
 * @param serializer         {@code SERIALIZER}, default {@code serpent}
 * @param commTimeout        {@code COMMTIMEOUT}; {@link Duration#ZERO} means no timeout
 * @param protocol           the wire protocol the client speaks: {@link PyroProtocol#PYRO4} (default) or
 *                           {@link PyroProtocol#PYRO5}, which has no HMAC key
 */
public record ClientConfig(String nsHost, int nsPort, int nsBcPort, List<String> broadcastAddresses,
                           String hmacKey, String serializer, Duration commTimeout, PyroProtocol protocol) {
    public static final String DEFAULT_NS_HOST = "localhost";
    public static final int DEFAULT_NS_PORT = 9090;
    public static final int DEFAULT_NS_BCPORT = 9091;
    public static final String DEFAULT_BROADCAST_ADDRS = "<broadcast>, 0.0.0.0";
    public static final String DEFAULT_SERIALIZER = "serpent";

    public ClientConfig {
        Objects.requireNonNull(nsHost, "nsHost");
        broadcastAddresses = List.copyOf(broadcastAddresses);
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(commTimeout, "commTimeout");
        if (commTimeout.isNegative()) {
            throw new IllegalArgumentException("COMMTIMEOUT must not be negative: " + commTimeout);
        }
        Objects.requireNonNull(protocol, "protocol");
    }

    /** A Pyro4 client's configuration. */
    public ClientConfig(String nsHost, int nsPort, int nsBcPort, List<String> broadcastAddresses,
                        String hmacKey, String serializer, Duration commTimeout) {
        this(nsHost, nsPort, nsBcPort, broadcastAddresses, hmacKey, serializer, commTimeout, PyroProtocol.PYRO4);
    }

    /** Pyro4's defaults, without looking at the environment. */
    public static ClientConfig defaults() {
        return new ClientConfig(DEFAULT_NS_HOST, DEFAULT_NS_PORT, DEFAULT_NS_BCPORT,
                parseAddresses(DEFAULT_BROADCAST_ADDRS), null, DEFAULT_SERIALIZER, Duration.ZERO);
    }

    /**
     * Pyro4's defaults overridden by {@code PYRO_NS_HOST}, {@code PYRO_NS_PORT}, {@code PYRO_NS_BCPORT},
     * {@code PYRO_BROADCAST_ADDRS}, {@code PYRO_HMAC_KEY}, {@code PYRO_SERIALIZER} and {@code PYRO_COMMTIMEOUT}
     * (numbers are cast as Pyro4 casts them: a bad one is an {@link IllegalArgumentException}).
     */
    public static ClientConfig fromEnvironment(Map<String, String> env) {
        ClientConfig d = defaults();
        String addresses = env.get("PYRO_BROADCAST_ADDRS");
        String timeout = env.get("PYRO_COMMTIMEOUT");
        return new ClientConfig(
                env.getOrDefault("PYRO_NS_HOST", d.nsHost()),
                env.containsKey("PYRO_NS_PORT") ? parseInt("PYRO_NS_PORT", env.get("PYRO_NS_PORT")) : d.nsPort(),
                env.containsKey("PYRO_NS_BCPORT") ? parseInt("PYRO_NS_BCPORT", env.get("PYRO_NS_BCPORT")) : d.nsBcPort(),
                addresses == null ? d.broadcastAddresses() : parseAddresses(addresses),
                env.get("PYRO_HMAC_KEY"),
                env.getOrDefault("PYRO_SERIALIZER", d.serializer()),
                timeout == null ? d.commTimeout() : parseSeconds("PYRO_COMMTIMEOUT", timeout));
    }

    /** Pyro4's {@code parseAddressesString}: comma separated, stripped, {@code ''} is the empty string. */
    public static List<String> parseAddresses(String addresses) {
        List<String> result = new ArrayList<>();
        for (String part : addresses.split(",", -1)) {
            String address = part.strip();
            result.add(address.equals("''") ? "" : address);
        }
        return result;
    }

    /** This configuration with another HMAC key ({@code null} or empty for none). */
    public ClientConfig withHmacKey(String key) {
        return new ClientConfig(nsHost, nsPort, nsBcPort, broadcastAddresses, key, serializer, commTimeout, protocol);
    }

    /** This configuration with another communication timeout. */
    public ClientConfig withCommTimeout(Duration timeout) {
        return new ClientConfig(nsHost, nsPort, nsBcPort, broadcastAddresses, hmacKey, serializer, timeout, protocol);
    }

    /** This configuration with another serializer name. */
    public ClientConfig withSerializer(String name) {
        return new ClientConfig(nsHost, nsPort, nsBcPort, broadcastAddresses, hmacKey, name, commTimeout, protocol);
    }

    /** This configuration with another wire protocol. */
    public ClientConfig withProtocol(PyroProtocol newProtocol) {
        return new ClientConfig(nsHost, nsPort, nsBcPort, broadcastAddresses, hmacKey, serializer, commTimeout, newProtocol);
    }

    /** The HMAC key as bytes (UTF-8, as Pyro4 encodes a str key), or {@code null} when there is none. */
    public byte[] hmacKeyBytes() {
        return hmacKey == null || hmacKey.isEmpty() ? null : hmacKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Pyro4's configuration reads an int variable with Python's {@code int()}. */
    private static int parseInt(String variable, String text) {
        BigInteger value = PythonNumbers.parseInt(text, 10);
        if (value == null) {
            throw new IllegalArgumentException(variable + ": invalid literal for int() with base 10: " + PythonRepr.string(text));
        }
        if (value.bitLength() > 31) {
            throw new IllegalArgumentException(variable + ": value out of range: " + text);
        }
        return value.intValue();
    }

    /** Pyro4's configuration reads a float variable with Python's {@code float()}. */
    private static Duration parseSeconds(String variable, String text) {
        Double seconds = PythonNumbers.parseFloat(text);
        if (seconds == null) {
            throw new IllegalArgumentException(variable + ": could not convert string to float: " + PythonRepr.string(text));
        }
        try {
            return PyroRules.commTimeout(seconds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
        }
    }
}
