package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: {@code PYRO_MAX_MESSAGE_SIZE=0} (Pyro4's "unlimited") and a client whose header announces a body of
 * 2^31-1 bytes, the most the signed length field can say, and then keeps sending it. Whatever pyrons does with
 * that connection (buffer it, refuse it, close it), it must keep accepting new connections and serving real
 * Pyro4 clients, while the sender is still connected and after it has gone. The body is sent as the CONNECT
 * message, and after a real handshake as an INVOKE (where no handshake timeout cuts the sender off).
 */
class UnlimitedMessageSizeTest {
    /** Past 1 GiB: a buffer that doubles towards the announced length has to go beyond what one array can hold. */
    private static final long STREAMED = (1L << 30) + (128L << 20);
    private static final Duration STREAM_TIME = Duration.ofSeconds(60);
    private static final Duration COMM_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);

    private final Python python = Python.locate();

    @ParameterizedTest(name = "after handshake: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(400)
    void aBodyOf2GiBMinus1AnnouncedAndStreamedLeavesTheServerServing(boolean afterHandshake) throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), List.of(), Map.of("PYRO_MAX_MESSAGE_SIZE", "0"));
             Socket sender = new Socket()) {
            sender.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            sender.setSoTimeout(10_000);
            OutputStream out = sender.getOutputStream();
            if (afterHandshake) {
                out.write(connectMessage());
                assertEquals(PyroWire.MSG_CONNECTOK, PyroWire.readMessageType(sender), "handshake refused");
            }
            out.write(PyroWire.header(PyroWire.PROTOCOL_VERSION, afterHandshake ? PyroWire.MSG_INVOKE : PyroWire.MSG_CONNECT,
                    0, afterHandshake ? 2 : 1, Integer.MAX_VALUE, PyroWire.SERPENT, 0));
            out.flush();
            assertServing(server, "after the header alone");

            String streamed = stream(sender, STREAMED, STREAM_TIME);
            System.out.println((afterHandshake ? "INVOKE" : "CONNECT") + ": " + streamed);
            Thread.sleep(1000); // let the server take what is in the socket buffers
            assertServing(server, "with the sender still connected (" + streamed + ")");
            sender.close();
            Thread.sleep(500);
            assertServing(server, "after the sender disconnected (" + streamed + ")");
        }
    }

    /**
     * Sends {@code bytes} zeros from another thread, for at most {@code limit}: a server that stops reading blocks
     * the write, which no socket timeout ends (closing the socket later does). Says how far it got.
     */
    private static String stream(Socket sender, long bytes, Duration limit) throws InterruptedException {
        AtomicLong streamed = new AtomicLong();
        AtomicReference<String> end = new AtomicReference<>("all sent");
        Thread writer = new Thread(() -> {
            byte[] chunk = new byte[1 << 20];
            try {
                OutputStream out = sender.getOutputStream();
                while (streamed.get() < bytes) {
                    out.write(chunk);
                    streamed.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                end.set("cut off by the server: " + e); // refusing it is fine
            }
        }, "huge-body-sender");
        writer.setDaemon(true);
        writer.start();
        writer.join(limit.toMillis());
        if (writer.isAlive()) {
            end.set("the server stopped reading");
        }
        return streamed.get() + " bytes streamed, " + end.get();
    }

    private byte[] connectMessage() {
        ProcessResult connect = python.run("connect_message.py", List.of("serpent"), Map.of(), Duration.ofSeconds(30));
        assertEquals(0, connect.exitCode(), connect.describe());
        return HexFormat.of().parseHex(connect.stdout().strip());
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
