package io.pyrons.naming;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.pyrons.api.PyroURI;

/**
 * Pyro4's AutoCleaner test: a connection is opened and closed again, nothing is sent. Unlike Pyro4, a connect that
 * merely timed out is {@link Answer#SILENT}, not a refusal: a black-holed host or a partition says nothing about
 * whether its servers are alive. Unix sockets are connected without blocking too, since a listener whose backlog
 * is full would otherwise hold the probe thread for good.
 */
record SocketReachability(Duration timeout) implements Reachability {

    @Override
    public Answer probe(PyroURI uri) {
        if (uri.sockname() != null) {
            return probeUnix(Path.of(uri.sockname()));
        }
        if (uri.host() == null || uri.port() == null) {
            return Answer.ACCEPTED; // nothing to connect to (PYRONAME/PYROMETA entries): not ours to judge
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.host(), uri.port()), timeoutMillis());
            return Answer.ACCEPTED;
        } catch (SocketTimeoutException e) {
            return Answer.SILENT;
        } catch (ConnectException | NoRouteToHostException | UnknownHostException | IllegalArgumentException e) {
            return Answer.REFUSED;
        } catch (IOException | SecurityException e) {
            return Answer.SILENT; // e.g. no local address or port left: nothing learnt about the server
        }
    }

    private Answer probeUnix(Path path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.configureBlocking(false);
            if (channel.connect(UnixDomainSocketAddress.of(path)) || finishedInTime(channel)) {
                return Answer.ACCEPTED;
            }
            return Answer.SILENT;
        } catch (ConnectException e) {
            return Answer.REFUSED; // the file is there, nobody listens
        } catch (IOException | RuntimeException e) {
            // a missing file is a server gone; anything else (a full backlog answers "try again") is no answer
            return Files.exists(path) ? Answer.SILENT : Answer.REFUSED;
        }
    }

    private boolean finishedInTime(SocketChannel channel) throws IOException {
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            return selector.select(timeoutMillis()) > 0 && channel.finishConnect();
        }
    }

    private int timeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
