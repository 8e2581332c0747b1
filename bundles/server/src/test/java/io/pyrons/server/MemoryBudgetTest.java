package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pyrons.protocol.MessageType;

/**
 * Clients announcing huge bodies and streaming them cannot take more memory than the budget for incoming
 * messages; those that would are refused, everyone else is served, and the memory comes back when they go.
 */
@Timeout(120)
class MemoryBudgetTest {
    private static final long BUDGET = 1 << 20;

    private final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
    private final MemoryBudget budget = new MemoryBudget(BUDGET);
    private Daemon daemon;
    private SocketAddress address;

    private void start(int maxMessageSize) throws IOException {
        daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0).withAccepted(Set.of("test"))
                .withLimits(maxMessageSize, Duration.ZERO, Duration.ZERO), budget, (where, e) -> fatalErrors.add(e));
        daemon.addSerializer(DaemonTest.SER);
        daemon.addObject("calc", new Calculator());
        daemon.start();
        address = daemon.boundAddress();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        assertEquals(List.of(), fatalErrors);
    }

    private TestClient connected() throws IOException {
        TestClient c = new TestClient(address, DaemonTest.SER);
        assertEquals(MessageType.CONNECTOK, c.connect("calc").type());
        return c;
    }

    @Test
    void streamingClientsShareTheBudgetAndTheRestAreServed() throws Exception {
        start(0); // unlimited message size, as Pyro4's default: only the budget stands in the way
        List<TestClient> streaming = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < 8; i++) {
                TestClient c = connected();
                streaming.add(c);
                try {
                    c.sendRaw(TestClient.header(MessageType.INVOKE, 0, 1, 1_000_000, DaemonTest.SER.id(), 0));
                    for (int k = 0; k < 6; k++) {
                        c.sendRaw(new byte[64 * 1024]);
                    }
                } catch (IOException e) {
                    refused++; // closed by the server while sending: refused
                }
                assertTrue(budget.reserved() <= BUDGET, "reserved " + budget.reserved());
            }
            // 384 KiB each in a body buffer grown to 512 KiB, 448 KiB of it reserved: at most two fit into 1 MiB
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (daemon.connectionCount() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int left = daemon.connectionCount();
            assertTrue(left >= 1 && left <= 2, "connections left: " + left + ", refused while sending: " + refused);
            assertTrue(budget.reserved() > 0 && budget.reserved() <= BUDGET, "reserved " + budget.reserved());
            try (TestClient other = connected()) {
                assertEquals(5L, other.call("calc", "add", 2L, 3L), "small requests need no budget");
            }
        } finally {
            for (TestClient c : streaming) {
                c.close();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (budget.reserved() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, budget.reserved(), "closed connections give their memory back");
    }

    @Test
    void aBodyAnnouncedAt2GiBWithoutSizeLimitClosesOnlyThatConnection() throws Exception {
        start(0);
        try (TestClient bad = connected()) {
            bad.sendRaw(TestClient.header(MessageType.INVOKE, 0, 1, Integer.MAX_VALUE, DaemonTest.SER.id(), 6));
            try {
                bad.sendRaw(new byte[256 * 1024]);
            } catch (IOException e) {
                // closed already
            }
            assertTrue(bad.closedByServer());
        }
        try (TestClient before = connected()) {
            assertEquals(3L, before.call("calc", "add", 1L, 2L), "the server still accepts and serves");
        }
        assertEquals(0, budget.reserved());
    }

    @Test
    void memoryOfAnsweredRequestsComesBack() throws Exception {
        start(0);
        try (TestClient c = connected()) {
            List<Integer> many = new ArrayList<>();
            for (int i = 0; i < 40_000; i++) {
                many.add(1);
            }
            assertEquals(40_000L, c.call("calc", "sum", many));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (budget.reserved() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, budget.reserved());
            assertEquals(3L, c.call("calc", "add", 1L, 2L));
        }
    }
}
