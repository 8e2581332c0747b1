package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * -u PATH: the name server on a Unix domain socket, reached by locateNS("./u:PATH") and pyro4-nsc -u. pyro4-ns
 * leaves its socket file behind on SIGTERM and then refuses to start on it ("Address already in use"); pyrons
 * removes it on shutdown, replaces a stale one, and refuses only a socket someone is listening on.
 */
class UnixSocketInteropTest {
    private final Python python = Python.locate();
    @TempDir
    Path dir;

    private static ConfiguredNameServer start(ServerKind kind, Path socket) {
        return ConfiguredNameServer.start(kind, List.of("-u", socket.toString()), Map.of(),
                Pattern.compile("^URI = PYRO:Pyro\\.NameServer@\\./u:" + Pattern.quote(socket.toString()) + "$"));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void pyro4ClientsAndNscUseTheSocket(ServerKind kind) {
        Path socket = dir.resolve("ns.sock");
        try (ConfiguredNameServer server = start(kind, socket)) {
            assertTrue(server.stdoutLines().contains("NS running on ./u:" + socket + " (Unix domain socket)"), server.output());
            String out = OptionsClient.run(python, "./u:" + socket, 0, Map.of(), "locate", "roundtrip", "nsuri", "direct");
            assertEquals("[[\"locate\", \"located\"], [\"roundtrip\", \"PYRO:obj@localhost:4567\"], "
                    + "[\"nsuri\", \"PYRO:Pyro.NameServer@./u:" + socket + "\"], [\"direct\", \"pong\"]]", out, server.output());
            ProcessResult nsc = python.runModule("Pyro4.nsc", List.of("-u", socket.toString(), "list"), null, Duration.ofSeconds(30));
            assertTrue(nsc.stdout().contains("Pyro.NameServer --> PYRO:Pyro.NameServer@./u:" + socket), nsc.describe());
        }
    }

    @Test
    void pyronsRemovesItsSocketOnShutdownAndReplacesAStaleOne() throws IOException {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file behind, as a crash does
        }
        assertTrue(Files.exists(socket));
        try (ConfiguredNameServer server = start(ServerKind.PYRONS, socket)) {
            String out = OptionsClient.run(python, "./u:" + socket, 0, Map.of(), "locate", "ping");
            assertEquals("[[\"locate\", \"located\"], [\"ping\", \"pong\"]]", out, server.output());
            ConfiguredNameServer second = ConfiguredNameServer.runToExit(ServerKind.PYRONS, List.of("-u", socket.toString()), Map.of());
            assertNotEquals(0, second.exitCode(), second.output());
            assertTrue(second.output().contains("another server is listening"), second.output());
            assertEquals("[[\"locate\", \"located\"]]", OptionsClient.run(python, "./u:" + socket, 0, Map.of(), "locate"),
                    "the running server keeps its socket");
            server.close();
            assertTrue(server.stdoutLines().contains("NS shut down."), server.output());
        }
        assertFalse(Files.exists(socket), "socket file removed on shutdown");
    }

    @Test
    void pyro4NsIsBlockedByAStaleSocketFile() throws IOException {
        Path socket = dir.resolve("stale4.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        ConfiguredNameServer refused = ConfiguredNameServer.runToExit(ServerKind.PYRO4_NS, List.of("-u", socket.toString()), Map.of());
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("Address already in use"), refused.output());
    }
}
