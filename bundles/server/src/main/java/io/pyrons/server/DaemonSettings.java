package io.pyrons.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

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
 */
public record DaemonSettings(String host, int port, String unixSocket, String natHost, int natPort, byte[] hmacKey,
                             Set<String> acceptedSerializers, int maxMessageSize, int maxAnnotationsSize,
                             Duration commTimeout, Duration handshakeTimeout, int workers, TlsSettings tls,
                             boolean compression) {
    public DaemonSettings {
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
                config.compression());
    }

    private static Duration seconds(double s) {
        if (Double.isNaN(s) || s < 0) {
            throw new IllegalArgumentException("timeouts must be >= 0 seconds: " + s);
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    public DaemonSettings withHmacKey(byte[] key) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, key, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression);
    }

    public DaemonSettings withLimits(int maxMessage, Duration comm, Duration handshake) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, hmacKey, acceptedSerializers, maxMessage,
                maxAnnotationsSize, comm, handshake, workers, tls, compression);
    }

    public DaemonSettings withAccepted(Set<String> accepted) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, hmacKey, accepted, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression);
    }

    public DaemonSettings withNat(String nHost, int nPort) {
        return new DaemonSettings(host, port, unixSocket, nHost, nPort, hmacKey, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression);
    }

    public DaemonSettings withUnixSocket(String path) {
        return new DaemonSettings(host, port, path, natHost, natPort, hmacKey, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, tls, compression);
    }

    public DaemonSettings withTls(TlsSettings newTls) {
        return new DaemonSettings(host, port, unixSocket, natHost, natPort, hmacKey, acceptedSerializers, maxMessageSize,
                maxAnnotationsSize, commTimeout, handshakeTimeout, workers, newTls, compression);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaemonSettings s && host.equals(s.host) && port == s.port && unixSocket.equals(s.unixSocket)
                && natHost.equals(s.natHost) && natPort == s.natPort && Arrays.equals(hmacKey, s.hmacKey)
                && acceptedSerializers.equals(s.acceptedSerializers) && maxMessageSize == s.maxMessageSize
                && maxAnnotationsSize == s.maxAnnotationsSize && commTimeout.equals(s.commTimeout)
                && handshakeTimeout.equals(s.handshakeTimeout) && workers == s.workers && tls.equals(s.tls)
                && compression == s.compression;
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
                + ", compression=" + compression + "]";
    }
}
