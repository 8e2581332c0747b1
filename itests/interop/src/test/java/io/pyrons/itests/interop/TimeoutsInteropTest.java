package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PYRO_COMMTIMEOUT and PYRO_MAX_MESSAGE_SIZE: an idle connection is closed, an oversized message closes its
 * connection, a client that never completes the handshake is dropped; every time the next client is served.
 */
class TimeoutsInteropTest {
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");
    private static final String CLOSED = "ConnectionClosedError: receiving: not enough data";
    private final Python python = Python.locate();

    private static ConfiguredNameServer start(ServerKind kind) {
        return ConfiguredNameServer.start(kind, List.of("-n", "127.0.0.1", "-p", "0"),
                Map.of("PYRO_COMMTIMEOUT", "1", "PYRO_MAX_MESSAGE_SIZE", "2000"), URI_LINE);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void idleAndOversizedConnectionsAreClosed(ServerKind kind) {
        try (ConfiguredNameServer server = start(kind)) {
            int port = Integer.parseInt(server.readyGroup(1));
            String out = OptionsClient.run(python, "127.0.0.1:" + port, port, Map.of(),
                    "locate", "ping", "sleep=2.5", "ping", "ping", "big=5000", "ping");
            assertEquals("[[\"locate\", \"located\"], [\"ping\", \"pong\"], [\"ping\", \"" + CLOSED + "\"], [\"ping\", \"pong\"], "
                    + "[\"big=5000\", \"" + CLOSED + "\"], [\"ping\", \"pong\"]]", out, server.output());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void silentClientIsDroppedAndHoldsUpNobody(ServerKind kind) throws IOException {
        try (ConfiguredNameServer server = start(kind); Socket silent = new Socket()) {
            int port = Integer.parseInt(server.readyGroup(1));
            silent.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            long start = System.nanoTime();
            assertEquals("[[\"locate\", \"located\"], [\"ping\", \"pong\"]]",
                    OptionsClient.run(python, "127.0.0.1:" + port, port, Map.of(), "locate", "ping"), server.output());
            // pyro4-ns drops it after COMMTIMEOUT; pyrons after its handshake timeout (10 s unless configured)
            silent.setSoTimeout(20_000);
            InputStream in = silent.getInputStream();
            // pyro4-ns says goodbye with a CONNECTFAIL message first; pyrons just closes: both end in EOF
            int read = 0;
            for (int i = 0; i < 4096 && read >= 0; i++) {
                try {
                    read = in.read();
                } catch (java.net.SocketException reset) {
                    read = -1;
                }
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, read, "the silent connection is closed by the server");
            assertTrue(waited >= 900, "closed after " + waited + " ms");
        }
    }
}
