package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A socket file left behind by a crashed server must not block the next start, but a live server's must never
 * be stolen: if nobody accepts on it, it is removed; if someone does, starting fails with a clear reason. Only a
 * socket is ever removed: any other kind of file at the path (a FIFO, a device node) is an error naming it.
 */
final class StaleUnixSocket {
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    private StaleUnixSocket() {
    }

    /** The file type bits of {@code st_mode} and the value that means a socket ({@code S_IFMT}, {@code S_IFSOCK}). */
    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET = 0140000;

    static void removeIfStale(UnixDomainSocketAddress address) throws IOException {
        Path path = address.getPath();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            // a regular file, directory, link, FIFO or device node is somebody's, not a leftover socket
            throw new IOException("cannot listen on ./u:" + path + ": the path exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(address);
        } catch (IOException nobodyListens) {
            Files.deleteIfExists(path);
            LOG.log(Level.INFO, "removed stale unix socket " + path + " (nobody accepted on it)");
            return;
        }
        throw new IOException("cannot listen on ./u:" + path + ": another server is listening on it");
    }

    /** Whether the file at {@code path} itself (not a link's target) is a socket; false where that cannot be told. */
    static boolean isSocket(Path path) throws IOException {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & FILE_TYPE) == SOCKET;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no unix attribute view: replacing nothing is the safe side
        }
    }
}
