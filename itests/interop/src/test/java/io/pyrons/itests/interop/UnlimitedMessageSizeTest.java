package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12: {@code PYRO_MAX_MESSAGE_SIZE=0} (Pyro4's "unlimited") and a client whose header announces a body of
 * 2^31-1 bytes, the most the signed length field can say, and then keeps sending it. Whatever pyrons does with
 * that connection (buffer it, refuse it, close it), it must keep accepting new connections and serving real
 * Pyro4 clients, while the sender is still connected and after it has gone.
 */
class UnlimitedMessageSizeTest {
    /** Past 1 GiB: a buffer that doubles towards the announced length has to go beyond what one array can hold. */
    private static final long STREAMED = (1L << 30) + (128L << 20);
    private static final Duration STREAM_TIME = Duration.ofSeconds(90);
    private static final Duration COMM_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);

    private final Python python = Python.locate();

    @Test
    @Timeout(400)
    void aBodyOf2GiBMinus1AnnouncedAndStreamedLeavesTheServerServing() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), List.of(), Map.of("PYRO_MAX_MESSAGE_SIZE", "0"));
             Socket sender = new Socket()) {
            sender.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            OutputStream out = sender.getOutputStream();
            out.write(PyroWire.header(PyroWire.PROTOCOL_VERSION, PyroWire.MSG_CONNECT, 0, 1, Integer.MAX_VALUE, PyroWire.SERPENT, 0));
            out.flush();
            assertServing(server, "after the header alone");

            long streamed = 0;
            String cutOff = "not cut off";
            byte[] chunk = new byte[1 << 20];
            long until = System.nanoTime() + STREAM_TIME.toNanos();
            try {
                while (streamed < STREAMED && System.nanoTime() < until) {
                    out.write(chunk);
                    streamed += chunk.length;
                }
            } catch (IOException e) {
                cutOff = "cut off by the server after " + streamed + " bytes: " + e; // refusing it is fine
            }
            Thread.sleep(1000); // let the server take what is in the socket buffers
            assertServing(server, "with the sender still connected, " + streamed + " bytes streamed (" + cutOff + ")");
            sender.close();
            Thread.sleep(500);
            assertServing(server, "after the sender disconnected (" + cutOff + ")");
        }
    }

    /** Four fresh clients one after the other (so every I/O thread is asked), each answered in time. */
    private void assertServing(LimitedNameServer server, String when) {
        List<FreshClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(FreshClient.run(python, server.port(), COMM_TIMEOUT, false));
        }
        assertTrue(server.isAlive(), "the server died " + when + "\n" + server.output());
        assertTrue(clients.stream().allMatch(c -> c.answeredWithin(ANSWER_LIMIT)), "fresh Pyro4 clients " + when + " got "
                + clients + " (want each answered within " + ANSWER_LIMIT.toMillis() + " ms)\n" + server.output());
    }
}
