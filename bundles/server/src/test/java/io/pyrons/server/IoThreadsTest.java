package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;

/**
 * Which thread answers what: quick calls on the I/O thread that read them, everything else on a worker, and
 * requests that arrive back to back (read together in one go) each answered, in order.
 */
@Timeout(120)
class IoThreadsTest {
    /** Answers with the name of the thread that runs the call; {@code here} is declared quick. */
    static final class ThreadReporter implements PyroObject {
        @Override
        public ExposedMembers members() {
            return new ExposedMembers(Set.of("here", "elsewhere"), Set.of(), Set.of());
        }

        @Override
        public boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
            return method.equals("here");
        }

        @Override
        public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) {
            return Thread.currentThread().getName();
        }
    }

    private Daemon daemon;
    private SocketAddress address;

    @BeforeEach
    void start() throws IOException {
        daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test"))
                .withLimits(1_000_000, Duration.ZERO, Duration.ZERO));
        daemon.addSerializer(DaemonTest.SER);
        daemon.addObject("threads", new ThreadReporter());
        daemon.addObject("calc", new Calculator());
        daemon.start();
        address = daemon.boundAddress();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private TestClient connected() throws IOException {
        TestClient c = new TestClient(address, DaemonTest.SER);
        assertEquals(MessageType.CONNECTOK, c.connect("threads").type());
        return c;
    }

    @Test
    void quickCallsRunOnTheIoThreadOthersOnAWorker() throws IOException {
        try (TestClient c = connected()) {
            assertTrue(((String) c.call("threads", "here")).startsWith("pyrons-io-"));
            assertTrue(((String) c.call("threads", "elsewhere")).startsWith("pyrons-worker-"));
            // the daemon's own object answers from memory: on the I/O thread as well
            assertEquals(List.of("Pyro.Daemon", "calc", "threads"),
                    ((List<?>) c.call("Pyro.Daemon", "registered")).stream().sorted().toList());
        }
    }

    @Test
    void aBigRequestIsDecodedOnAWorkerEvenWhenQuick() throws IOException {
        try (TestClient c = connected()) {
            List<Object> big = java.util.Collections.nCopies(3_000, "x".repeat(30)); // ~100 KB on the wire
            Message reply = c.invoke("threads", "here", List.of(big), Map.of(), 0);
            assertTrue(((String) c.value(reply)).startsWith("pyrons-worker-"));
        }
    }

    @Test
    void requestsSentBackToBackAreEachAnsweredInOrder() throws IOException {
        try (TestClient c = connected()) {
            // quick and worker calls mixed, more than one I/O turn's worth, all in one write
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int count = 60;
            for (int seq = 1; seq <= count; seq++) {
                wire.writeBytes(switch (seq % 3) {
                    case 0 -> c.encodeInvoke(seq, "threads", "here", List.of(), 0);
                    case 1 -> c.encodeInvoke(seq, "calc", "add", List.of((long) seq, 1L), 0);
                    default -> c.encodeInvoke(seq, "threads", "elsewhere", List.of(), 0);
                });
            }
            c.sendRaw(wire.toByteArray());
            for (int seq = 1; seq <= count; seq++) {
                Message reply = c.receive();
                assertEquals(seq, reply.seq());
                Object value = c.value(reply);
                switch (seq % 3) {
                    case 0 -> assertTrue(((String) value).startsWith("pyrons-io-"), value + " for " + seq);
                    case 1 -> assertEquals(seq + 1L, value);
                    default -> assertTrue(((String) value).startsWith("pyrons-worker-"), value + " for " + seq);
                }
            }
        }
    }

    @Test
    void aOnewayCallFollowedAtOnceByAnotherIsNotLost() throws IOException {
        try (TestClient c = connected()) {
            byte[] oneway = c.encodeInvoke(1, "calc", "record", List.of("first"), MessageFlags.ONEWAY);
            byte[] call = c.encodeInvoke(2, "threads", "here", List.of(), 0);
            byte[] both = new byte[oneway.length + call.length];
            System.arraycopy(oneway, 0, both, 0, oneway.length);
            System.arraycopy(call, 0, both, oneway.length, call.length);
            c.sendRaw(both);
            Message reply = c.receive();
            assertEquals(2, reply.seq());
        }
    }

    @Test
    void aRequestSplitAcrossWritesIsReassembled() throws Exception {
        try (TestClient c = connected()) {
            byte[] first = c.encodeInvoke(1, "calc", "add", List.of(20L, 22L), 0);
            byte[] second = c.encodeInvoke(2, "threads", "here", List.of(), 0);
            byte[] wire = new byte[first.length + second.length];
            System.arraycopy(first, 0, wire, 0, first.length);
            System.arraycopy(second, 0, wire, first.length, second.length);
            // cut inside the first header, then inside the second message's body
            int[] cuts = {10, first.length + 30, wire.length};
            int from = 0;
            for (int cut : cuts) {
                c.sendRaw(java.util.Arrays.copyOfRange(wire, from, cut));
                from = cut;
                Thread.sleep(50);
            }
            assertEquals(42L, c.value(c.receive()));
            assertTrue(((String) c.value(c.receive())).startsWith("pyrons-io-"));
        }
    }

    @Test
    void manyClientsMixingQuickWorkerAndPipelinedCallsEachGetTheirOwnAnswers() throws Exception {
        int clients = 16;
        int rounds = 150;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int client = k;
                done.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(client);
                    int answered = 0;
                    try (TestClient c = connected()) {
                        int seq = 0;
                        for (int round = 0; round < rounds; round++) {
                            // 1 to 3 requests in one write, each a quick or a worker call
                            int burst = 1 + random.nextInt(3);
                            ByteArrayOutputStream wire = new ByteArrayOutputStream();
                            long[] expected = new long[burst];
                            for (int b = 0; b < burst; b++) {
                                seq++;
                                boolean quick = random.nextBoolean();
                                expected[b] = quick ? -1 : client * 100_000L + seq;
                                wire.writeBytes(quick ? c.encodeInvoke(seq, "threads", "here", List.of(), 0)
                                        : c.encodeInvoke(seq, "calc", "add", List.of(client * 100_000L, (long) seq), 0));
                            }
                            c.sendRaw(wire.toByteArray());
                            for (int b = 0; b < burst; b++) {
                                Message reply = c.receive();
                                assertEquals((seq - burst + 1 + b) & 0xffff, reply.seq());
                                Object value = c.value(reply);
                                if (expected[b] < 0) {
                                    assertTrue(((String) value).startsWith("pyrons-io-"), String.valueOf(value));
                                } else {
                                    assertEquals(expected[b], value);
                                }
                                answered++;
                            }
                        }
                    }
                    return answered;
                }));
            }
            // and meanwhile clients that vanish in the middle of a message disturb nobody
            for (int i = 0; i < 20; i++) {
                try (TestClient c = connected()) {
                    byte[] call = c.encodeInvoke(1, "calc", "add", List.of(1L, 2L), 0);
                    c.sendRaw(java.util.Arrays.copyOf(call, call.length / 2));
                }
            }
            int total = 0;
            for (var f : done) {
                total += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertTrue(total >= clients * rounds, "answers: " + total);
            try (TestClient c = connected()) {
                assertEquals(5L, c.call("calc", "add", 2L, 3L));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
