package io.pyrons.storage.zookeeper;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/** A real standalone ZooKeeper 3.9 server in this JVM, on 127.0.0.1, its data under target/. */
final class EmbeddedZooKeeper implements AutoCloseable {
    private final ZooKeeperServerEmbedded server;
    private final int port;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedZooKeeper start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "zookeeper")), "embedded");
        Properties configuration = new Properties();
        configuration.setProperty("clientPort", String.valueOf(port));
        configuration.setProperty("clientPortAddress", "127.0.0.1");
        configuration.setProperty("tickTime", "500");
        configuration.setProperty("admin.enableServer", "false");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder().baseDir(directory.toAbsolutePath())
                .configuration(configuration).exitHandler(ExitHandler.LOG_ONLY).build();
        server.start(30_000);
        return new EmbeddedZooKeeper(server, port);
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
