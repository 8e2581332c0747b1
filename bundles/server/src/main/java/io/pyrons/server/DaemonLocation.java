package io.pyrons.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

import io.pyrons.api.PyroURI;

/**
 * Where the daemon is reachable, as Pyro4 computes it after binding: {@code locationStr} is the configured host
 * (or the bound address when the host is empty, so {@code 0.0.0.0}) with the bound port, {@code [v6]:port} for
 * IPv6, {@code ./u:path} for a Unix socket; the NAT location replaces it in URIs handed to clients.
 */
record DaemonLocation(String host, int port, String unixSocket, String natHost, int natPort) {

    static DaemonLocation of(DaemonSettings settings, SocketAddress bound) {
        if (bound instanceof UnixDomainSocketAddress unix) {
            String path = settings.unixSocket().isEmpty() ? unix.getPath().toString() : settings.unixSocket();
            return new DaemonLocation(null, 0, path, null, 0);
        }
        InetSocketAddress inet = (InetSocketAddress) bound;
        String host = settings.host().isEmpty() ? inet.getAddress().getHostAddress() : settings.host();
        int port = inet.getPort();
        String natHost = settings.natHost().isEmpty() ? null : settings.natHost();
        // natport 0 exposes the internal port (Pyro4: "don't use port because it could be 0")
        int natPort = settings.natPort() == 0 ? port : settings.natPort();
        return new DaemonLocation(host, port, null, natHost, natPort);
    }

    /** Pyro4's {@code locationStr}. */
    String locationStr() {
        if (unixSocket != null) {
            return "./u:" + unixSocket;
        }
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** Pyro4's {@code natLocationStr}, or {@code null}. */
    String natLocationStr() {
        return natHost == null ? null : natHost + ":" + natPort;
    }

    PyroURI internalUri(String objectId) {
        return unixSocket != null ? PyroURI.pyroUnix(objectId, unixSocket) : PyroURI.pyro(objectId, host, port);
    }

    PyroURI uri(String objectId) {
        return natHost == null ? internalUri(objectId) : PyroURI.pyro(objectId, natHost, natPort);
    }
}
