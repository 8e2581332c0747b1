package io.pyrons.api.expose;

import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running Pyro daemon, registered as a service by the server once it listens. Objects served by it use
 * this to learn their own URI.
 */
@ProviderType
public interface PyroDaemon {
    /** The object id of the daemon's own object. */
    String DAEMON_OBJECT_ID = "Pyro.Daemon";

    /** The URI clients should use for {@code objectId}: the external (NAT) location when one is configured. */
    PyroURI uriFor(String objectId);

    /** The URI for {@code objectId} at the address the daemon is bound to, ignoring NAT. */
    PyroURI internalUriFor(String objectId);

    /** Where the daemon listens, as Pyro4's {@code locationStr} ({@code host:port} or {@code ./u:path}). */
    String location();

    /** The socket address the daemon is bound to: an {@code InetSocketAddress} or a {@code UnixDomainSocketAddress}. */
    java.net.SocketAddress boundAddress();

    /** The names of the serializers the configuration accepts ({@code serializers.accepted}). */
    Set<String> acceptedSerializers();

    /** How many client connections are open right now. */
    int connectionCount();

    /**
     * The open connections by the protocol their clients speak (known from their first bytes; a connection that sent
     * nothing yet is in no protocol). Empty when the daemon does not tell.
     */
    default Map<PyroProtocol, Integer> connectionsByProtocol() {
        return Map.of();
    }

    /** The requests (messages after the handshake) since the daemon started, by protocol. Empty when the daemon does not tell. */
    default Map<PyroProtocol, Long> requestsByProtocol() {
        return Map.of();
    }

    /** The ids of the objects currently served. */
    Set<String> objectIds();
}
