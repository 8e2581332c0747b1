package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, heap attack: pyrons in a JVM with a small heap (-Xmx96m, as an operator sizes a name server), and
 * several clients that each announce a body near the message size limit (default 1 GiB) and send a good part
 * of it quickly, then trickle more bytes slowly, never completing it. Half announce it as their CONNECT, half
 * after a real handshake. Other clients must meanwhile be served or refused cleanly (never left hanging), and
 * once the attackers are gone a fresh real Pyro4 client must be answered within 1 s: the server must not
 * become a zombie that keeps its port open and serves nobody. If the process gives up, it must exit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeapAttackTest {
    private static final List<String> SMALL_HEAP = List.of("-Xmx96m");
    private static final int ATTACKERS = 8;
    /** Announced length: just under the default max.message.size (1 GiB), so the header alone is accepted. */
    private static final int ANNOUNCED = (1 << 30) - 1024;
    /** Sent at full speed by each attacker before it turns slow; 8 x 12 MB buffered is more than the heap. */
    private static final int FAST_BYTES = 12 << 20;
    private static final Duration TRICKLE = Duration.ofSeconds(6);
    private static final Duration FRESH_CLIENT_LIMIT = Duration.ofSeconds(1);
    private static final Duration COMM_TIMEOUT = Duration.ofSeconds(5);

    private final Python python = Python.locate();
    private byte[] connectMessage;
    @TempDir
    Path dir;

    @BeforeAll
    void connectMessage() {
        ProcessResult connect = python.run("connect_message.py", List.of("serpent"), Map.of(), Duration.ofSeconds(30));
        assertEquals(0, connect.exitCode(), connect.describe());
        connectMessage = HexFormat.of().parseHex(connect.stdout().strip());
    }

    /** What the attack left: how many attackers the server cut off, and what clients got meanwhile. */
    private record Outcome(int refusedAttackers, FreshClient duringAttack, String latency, long latencyTimeouts) {
    }

    private Outcome attack(LimitedNameServer server) throws Exception {
        try (LatencyClient latency = LatencyClient.start(python, server.port(), dir, COMM_TIMEOUT, Duration.ofSeconds(120))) {
            AtomicInteger refused = new AtomicInteger();
            List<Thread> attackers = new ArrayList<>();
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                boolean afterHandshake = i % 2 == 1;
                Socket socket = new Socket();
                sockets.add(socket);
                Thread t = new Thread(() -> attackOnce(socket, server.port(), afterHandshake, refused), "heap-attacker-" + i);
                t.setDaemon(true);
                attackers.add(t);
                t.start();
            }
            Thread.sleep(TRICKLE.toMillis() / 2);
            FreshClient during = FreshClient.run(python, server.port(), COMM_TIMEOUT, false);
            long until = System.nanoTime() + TRICKLE.plusSeconds(60).toNanos();
            for (Thread t : attackers) {
                t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
            for (Socket socket : sockets) {
                socket.close(); // also ends a write that blocks because the server stopped reading
            }
            latency.stop();
            return new Outcome(refused.get(), during, latency.stop(), latency.value("timeouts"));
        }
    }

    /** One attacker: header, FAST_BYTES at once, then 1 KB every 100 ms until TRICKLE is over; then it disconnects. */
    private void attackOnce(Socket socket, int port, boolean afterHandshake, AtomicInteger refused) {
        try (socket) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            if (afterHandshake) {
                out.write(connectMessage);
                if (PyroWire.readMessageType(socket) != PyroWire.MSG_CONNECTOK) {
                    refused.incrementAndGet();
                    return;
                }
            }
            int type = afterHandshake ? PyroWire.MSG_INVOKE : PyroWire.MSG_CONNECT;
            out.write(PyroWire.header(PyroWire.PROTOCOL_VERSION, type, 0, afterHandshake ? 2 : 1, ANNOUNCED, PyroWire.SERPENT, 0));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < FAST_BYTES; sent += chunk.length) {
                out.write(chunk);
            }
            byte[] drip = new byte[1024];
            long until = System.nanoTime() + TRICKLE.toNanos();
            while (System.nanoTime() < until) {
                out.write(drip);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException e) {
            refused.incrementAndGet(); // cut off by the server: a clean refusal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fresh clients, one after the other (each lands on the next I/O thread); the first that is not answered in time. */
    private List<FreshClient> freshClients(LimitedNameServer server, int count) {
        List<FreshClient> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(FreshClient.run(python, server.port(), COMM_TIMEOUT, false));
        }
        return results;
    }

    @Test
    @Timeout(300)
    void smallHeapSurvivesClientsThatAnnounceHugeBodies() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), SMALL_HEAP, Map.of())) {
            Outcome outcome = attack(server);
            assertTrue(server.isAlive(), "the server died under the heap attack\n" + server.output());
            assertTrue(!outcome.duringAttack().timedOut(),
                    "a fresh client during the attack was left hanging: " + outcome.duringAttack() + "\n" + server.output());
            assertEquals(0, outcome.latencyTimeouts(),
                    "a connected client's lookups hung during the attack:\n" + outcome.latency() + "\n" + server.output());
            Thread.sleep(500); // the attackers' connections are closed; give the server a moment to notice
            List<FreshClient> after = freshClients(server, 4);
            for (FreshClient client : after) {
                assertTrue(client.answeredWithin(FRESH_CLIENT_LIMIT), "after the attack a fresh Pyro4 client got "
                        + after + " (want each answered within " + FRESH_CLIENT_LIMIT.toMillis() + " ms); attackers cut off: "
                        + outcome.refusedAttackers() + "\n" + server.output());
            }
        }
    }

    @Test
    @Timeout(300)
    void aServerThatCannotGoOnExitsInsteadOfKeepingItsPortOpen() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of(), SMALL_HEAP, Map.of())) {
            attack(server);
            Thread.sleep(500);
            List<FreshClient> after = freshClients(server, 4);
            boolean allAnswered = after.stream().allMatch(c -> c.answeredWithin(FRESH_CLIENT_LIMIT));
            boolean exited = !allAnswered && server.awaitExit(Duration.ofSeconds(10));
            assertTrue(allAnswered || exited, "zombie: pid " + server.pid() + " is alive with its port open, but fresh"
                    + " Pyro4 clients got " + after + "\n" + server.output());
        }
    }
}
