package io.pyrons.naming;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import io.pyrons.api.PyroURI;

/**
 * Pyro4's AutoCleaner test: a connection is opened and closed again, nothing is sent. TCP connects time out after
 * {@code timeout}; a Unix socket connect answers at once (refused or accepted), so it needs no timeout.
 */
record SocketReachability(Duration timeout) implements Reachability {

    @Override
    public boolean reachable(PyroURI uri) {
        try {
            if (uri.sockname() != null) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(uri.sockname()));
                }
                return true;
            }
            if (uri.host() == null || uri.port() == null) {
                return true; // nothing to connect to (PYRONAME/PYROMETA entries): not ours to judge
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.host(), uri.port()), (int) Math.max(1, timeout.toMillis()));
            }
            return true;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
