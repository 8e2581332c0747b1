package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pyrons.api.PythonException;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;

/**
 * What an I/O thread or a worker may be made to do by one client: inflating runs on a worker and stops at the
 * message limit; one connection's oneway calls take one worker; an Error the JVM cannot recover from on an I/O
 * thread reaches the fatal handler instead of leaving a thread dead and the port open.
 */
@Timeout(120)
class WorkLimitsTest {
    /** {@code here} is quick and names its thread; {@code nap} sleeps; {@code explode} throws what it is told. */
    static final class Probe implements PyroObject {
        final AtomicInteger napping = new AtomicInteger();
        final AtomicInteger mostNapping = new AtomicInteger();
        final AtomicInteger naps = new AtomicInteger();

        @Override
        public ExposedMembers members() {
            return new ExposedMembers(Set.of("here", "nap", "explode"), Set.of("nap"), Set.of());
        }

        @Override
        public boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
            return !method.equals("nap");
        }

        @Override
        public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) throws Exception {
            switch (method) {
                case "nap" -> {
                    mostNapping.accumulateAndGet(napping.incrementAndGet(), Math::max);
                    try {
                        TimeUnit.MILLISECONDS.sleep(((Number) args.get(0)).longValue());
                    } finally {
                        napping.decrementAndGet();
                        naps.incrementAndGet();
                    }
                    return null;
                }
                case "explode" -> throw new OutOfMemoryError("test: " + args.get(0));
                default -> {
                    return Thread.currentThread().getName();
                }
            }
        }
    }

    private final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
    private final Probe probe = new Probe();
    private Daemon daemon;
    private SocketAddress address;

    @BeforeEach
    void start() throws IOException {
        daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test"))
                .withLimits(1_000_000, Duration.ZERO, Duration.ZERO), new MemoryBudget(64 << 20),
                (where, e) -> fatalErrors.add(e));
        daemon.addSerializer(DaemonTest.SER);
        daemon.addObject("probe", probe);
        daemon.start();
        address = daemon.boundAddress();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private TestClient connected() throws IOException {
        TestClient c = new TestClient(address, DaemonTest.SER);
        assertEquals(MessageType.CONNECTOK, c.connect("probe").type());
        return c;
    }

    private static Message compressedInvoke(int seq, String method, List<Object> args) {
        byte[] data = DaemonTest.SER.serializeCall(new Invocation("probe", method, args, Map.of()));
        return new Message(MessageType.INVOKE, MessageFlags.COMPRESSED, seq, DaemonTest.SER.id(),
                MessageCodec.compress(data));
    }

    @Test
    void aCompressedRequestIsInflatedOnAWorkerEvenWhenQuick() throws IOException {
        try (TestClient c = connected()) {
            assertTrue(((String) c.call("probe", "here")).startsWith("pyrons-io-"));
            c.send(compressedInvoke(7, "here", List.of()));
            Message reply = c.receive();
            assertEquals(7, reply.seq());
            assertTrue(((String) c.value(reply)).startsWith("pyrons-worker-"), String.valueOf(c.value(reply)));
        }
    }

    @Test
    void aBombStopsInflatingAtTheMessageLimitWithAnErrorToThatClient() throws IOException {
        // a call whose argument inflates to 4 MB of zeros from a few kilobytes, against a 1 MB limit
        byte[] data = DaemonTest.SER.serializeCall(new Invocation("probe", "here", List.of(new byte[4_000_000]), Map.of()));
        Message bomb = new Message(MessageType.INVOKE, MessageFlags.COMPRESSED, 3, DaemonTest.SER.id(),
                MessageCodec.compress(data));
        assertTrue(bomb.data().length < 20_000, "bomb of " + bomb.data().length + " bytes");
        try (TestClient c = connected(); TestClient other = connected()) {
            c.send(bomb);
            Message reply = c.receive();
            assertTrue(reply.hasFlag(MessageFlags.EXCEPTION));
            PythonException error = assertInstanceOf(PythonException.class, c.value(reply));
            assertEquals("Pyro4.errors.MessageTooLargeError", error.pythonType());
            assertTrue(error.getMessage().contains("decompressed data larger than 1000000"), error.getMessage());
            assertTrue(c.closedByServer());
            assertTrue(((String) other.call("probe", "here")).startsWith("pyrons-io-"));
        }
    }

    @Test
    void oneConnectionsOnewayCallsTakeOneWorkerAndOthersAreServed() throws Exception {
        try (TestClient flood = connected(); TestClient other = connected()) {
            for (int i = 0; i < 40; i++) {
                flood.invoke("probe", "nap", List.of(50L), Map.of(), MessageFlags.ONEWAY);
            }
            // 16 workers: before, the 40 naps ran 16 at a time; now one after another
            long started = System.nanoTime();
            other.invoke("probe", "nap", List.of(1L), Map.of(), 0);
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "another client waited for a worker");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (probe.naps.get() < 41 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(41, probe.naps.get(), "every oneway call ran");
            assertTrue(probe.mostNapping.get() <= 2, "naps at once: " + probe.mostNapping.get()
                    + "; one worker for the flood's oneway calls, one for the other client");
        }
    }

    @Test
    void anOutOfMemoryErrorOnAnIoThreadReachesTheFatalHandler() throws Exception {
        try (TestClient c = connected()) {
            c.sendRaw(c.encodeInvoke(1, "probe", "explode", List.of("io"), 0));
            // no reply comes: the handler got the error (in production the process halts)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (fatalErrors.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, fatalErrors.size());
            assertInstanceOf(OutOfMemoryError.class, fatalErrors.get(0));
        }
    }
}
