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
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A socket file left behind by a crashed server must not block the next start, but a live server's must never
 * be stolen: if nobody accepts on it, it is removed; if someone does, starting fails with a clear reason.
 */
final class StaleUnixSocket {
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    private StaleUnixSocket() {
    }

    static void removeIfStale(UnixDomainSocketAddress address) throws IOException {
        Path path = address.getPath();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            // a regular file, directory or link is somebody's data, not a leftover socket
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
}
