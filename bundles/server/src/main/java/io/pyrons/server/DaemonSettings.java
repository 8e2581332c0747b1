package io.pyrons.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroRules;

/**
 * The daemon's settings as plain values, checked once: where to listen, NAT, security, limits.
 *
 * @param host            TCP bind host; {@code ""} binds all IPv4 interfaces, as Pyro4
 * @param unixSocket      Unix domain socket path, or {@code ""} for TCP
 * @param natHost         advertised host, or {@code ""}
 * @param natPort         advertised port; 0 means the bound port
 * @param hmacKey         HMAC key bytes (UTF-8 of the configured text), empty for none
 * @param commTimeout     idle connection timeout, {@link Duration#ZERO} for none
 * @param tls             TLS (Pyro4's SSL settings), {@link TlsSettings#OFF} for none
 * @param compression     zlib-compress handshake answers and results as Pyro4's COMPRESSION does
 * @param acceptedProtocols the wire protocols clients may speak ({@code protocols.accepted})
 * @param pyro5WithHmac   serve Pyro5 clients (which cannot sign messages) although an HMAC key is set
 */
public record DaemonSettings(String host, int port, String unixSocket, String natHost, int natPort, byte[] hmacKey,
                             Set<String> acceptedSerializers, int maxMessageSize, int maxAnnotationsSize,
                             Duration commTimeout, Duration handshakeTimeout, int workers, TlsSettings tls,
                             boolean compression, Set<PyroProtocol> acceptedProtocols, boolean pyro5WithHmac) {
    /** Settings that accept both protocols (Pyro5 only without an HMAC key). */
    public DaemonSettings(String host, int port, String unixSocket, String natHost, int natPort, byte[] hmacKey,
                          Set<String> acceptedSerializers, int maxMessageSize, int maxAnnotationsSize,
                          Duration commTimeout, Duration handshakeTimeout, int workers, TlsSettings tls,
                          boolean compression) {
        this(host, port, unixSocket, natHost, natPort, hmacKey, acceptedSerializers, maxMessageSize, maxAnnotationsSize,
                commTimeout, handshakeTimeout, workers, tls, compression, EnumSet.allOf(PyroProtocol.class), false);
    }

    public DaemonSettings {
        acceptedProtocols = java.util.Collections.unmodifiableSet(acceptedProtocols.isEmpty()
                ? EnumSet.noneOf(PyroProtocol.class) : EnumSet.copyOf(acceptedProtocols));
        host = host == null ? "" : host.strip();
        unixSocket = unixSocket == null ? "" : unixSocket.strip();
        natHost = natHost == null ? "" : natHost.strip();
        hmacKey = hmacKey == null ? new byte[0] : hmacKey.clone();
        acceptedSerializers = Set.copyOf(acceptedSerializers);
        tls = tls == null ? TlsSettings.OFF : tls;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (natPort < 0 || natPort > 65535) {
            throw new IllegalArgumentException("natport must be 0..65535: " + natPort);
        }
        PyroRules.checkNatHost(natHost, unixSocket);
        if (maxMessageSize < 0 || maxAnnotationsSize < 0 || maxAnnotationsSize > 0xffff) {
            throw new IllegalArgumentException("invalid message limits: max.message.size=" + maxMessageSize
                    + ", max.annotations.size=" + maxAnnotationsSize);
        }
        if (commTimeout.isNegative() || handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
    }

    /** Settings for a TCP daemon with Pyro4's defaults otherwise (handy for tests and embedding). */
    public static DaemonSettings tcp(String host, int port) {
        return new DaemonSettings(host, port, "", "", 0, new byte[0], Set.of("serpent", "json", "marshal"), 0, 0xffff,
                Duration.ZERO, Duration.ofSeconds(10), 16, TlsSettings.OFF, false);
    }

    static DaemonSettings from(DaemonConfiguration config) {
        Set<String> accepted = new LinkedHashSet<>();
        for (String name : config.serializers_accepted().split(",")) {
            if (!name.isBlank()) {
                accepted.add(name.strip());
            }
        }
        return new DaemonSettings(config.host(), config.port(), config.unixsocket(), config.nathost(), config.natport(),
                config.hmac_key().getBytes(StandardCharsets.UTF_8), accepted, config.max_message_size(),
                config.max_annotations_size(), PyroRules.commTimeout(config.comm_timeout()), seconds(config.handshake_timeout()),
                config.workers(), new TlsSettings(config.ssl(), config.ssl_servercert(), config.ssl_serverkey(),
                config.ssl_serverkeypasswd(), config.ssl_cacerts(), config.ssl_requireclientcert()),
                config.compression(), protocols(config.protocols_accepted()), config.hmac_pyro5_accepted());
    }

    /** {@code protocols.accepted}: {@code pyro4}, {@code pyro5}, comma-separated; an unknown name is an error. */
    static Set<PyroProtocol> protocols(String names) {
        Set<PyroProtocol> protocols = EnumSet.noneOf(PyroProtocol.class);
        for (String name : names.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            PyroProtocol found = null;
            for (PyroProtocol p : PyroProtocol.values()) {
                if (p.configName().equals(name.strip().toLowerCase(java.util.Locale.ROOT))) {
                    found = p;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("protocols.accepted: unknown protocol '" + name.strip()
                        + "' (known: pyro4, pyro5)");
            }
            protocols.add(found);
        }
        return protocols;
    }

    /**
     * Why clients of {@code protocol} are refused, or null when they are served: not in {@code protocols.accepted},
     * or Pyro5 (which has no HMAC) while an HMAC key is set and {@code hmac.pyro5.accepted} is off.
     */
    String refusal(PyroProtocol protocol) {
        if (!acceptedProtocols.contains(protocol)) {
            return protocol.module() + " clients are not accepted by this server (protocols.accepted="
                    + String.join(",", acceptedProtocols.stream().map(PyroProtocol::configName).toList()) + ")";
        }
        if (protocol == PyroProtocol.PYRO5 && hmacKey.length > 0 && !pyro5WithHmac) {
            return "Pyro5 clients are refused: this server requires an HMAC key, which Pyro5 cannot send "
                    + "(set hmac.pyro5.accepted to serve them without it)";
        }
        return null;
    }

    private static Duration seconds(double s) {
        if (Double.isNaN(s) || s < 0) {
            throw new IllegalArgumentException("timeouts must be >= 0 seconds: " + s);
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    public DaemonSettings withHmacKey(byte[] key) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, key, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression, acceptedProtocols, pyro5WithHmac);
    }

    public DaemonSettings withLimits(int maxMessage, Duration comm, Duration handshake) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, hmacKey, acceptedSerializers, maxMessage,
                maxAnnotationsSize, comm, handshake, workers, tls, compression, acceptedProtocols, pyro5WithHmac);
    }

    public DaemonSettings withAccepted(Set<String> accepted) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, hmacKey, accepted, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression, acceptedProtocols, pyro5WithHmac);
    }

    public DaemonSettings withNat(String nHost, int nPort) {
        return new DaemonSettings(host, port, unixSocket, nHost, nPort, hmacKey, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression, acceptedProtocols, pyro5WithHmac);
    }

    public DaemonSettings withUnixSocket(String path) {
        return new DaemonSettings(host, port, path, natHost, natPort, hmacKey, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression, acceptedProtocols, pyro5WithHmac);
    }

    public DaemonSettings withTls(TlsSettings newTls) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, hmacKey, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, newTls, compression, acceptedProtocols, pyro5WithHmac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaemonSettings s && host.equals(s.host) && port == s.port && unixSocket.equals(s.unixSocket)
                && natHost.equals(s.natHost) && natPort == s.natPort && Arrays.equals(hmacKey, s.hmacKey)
                && acceptedSerializers.equals(s.acceptedSerializers) && maxMessageSize == s.maxMessageSize
                && maxAnnotationsSize == s.maxAnnotationsSize && commTimeout.equals(s.commTimeout)
                && handshakeTimeout.equals(s.handshakeTimeout) && workers == s.workers && tls.equals(s.tls)
                && compression == s.compression && acceptedProtocols.equals(s.acceptedProtocols)
                && pyro5WithHmac == s.pyro5WithHmac;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(host, port, unixSocket, natHost, natPort, Arrays.hashCode(hmacKey));
    }

    @Override
    public String toString() {
        return "DaemonSettings[host=" + host + ", port=" + port + ", unixsocket=" + unixSocket + ", nathost=" + natHost
                + ", natport=" + natPort + ", hmac=" + (hmacKey.length > 0 ? "set" : "none") + ", accepted="
                + acceptedSerializers + ", max.message.size=" + maxMessageSize + ", comm.timeout=" + commTimeout
                + ", handshake.timeout=" + handshakeTimeout + ", workers=" + workers + ", " + tls
                + ", compression=" + compression + ", protocols.accepted=" + acceptedProtocols
                + ", hmac.pyro5.accepted=" + pyro5WithHmac + "]";
    }
}
