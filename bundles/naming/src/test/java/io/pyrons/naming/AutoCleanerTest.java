package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pyrons.api.PyroURI;
import io.pyrons.storage.memory.MemoryNameStorage;

/** Pyro4's AutoCleaner rules with a fake clock and fake probes, then once with real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutoCleanerTest {
    private static final Duration MAX_UNREACHABLE = Duration.ofSeconds(20);

    private final AtomicLong clock = new AtomicLong();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private StoredNameServer ns;
    private AutoCleaner cleaner;

    @BeforeEach
    void setUp() {
        ns = new StoredNameServer(new MemoryNameStorage());
        ns.register("Pyro.NameServer", "PYRO:Pyro.NameServer@127.0.0.1:1", false, Set.of());
    }

    @AfterEach
    void tearDown() {
        if (cleaner != null) {
            cleaner.close();
        }
    }

    private AutoCleaner fakeCleaner(Reachability reachability) {
        cleaner = new AutoCleaner(ns, reachability, Duration.ofSeconds(1), MAX_UNREACHABLE, clock::get);
        return cleaner;
    }

    private boolean fakeProbe(PyroURI uri) {
        return !down.contains(uri.asString());
    }

    private void at(int seconds) {
        clock.set(TimeUnit.SECONDS.toNanos(seconds));
        cleaner.check();
    }

    @Test
    void unreachableForTwentySecondsIsRemovedAndLiveOnesStay() {
        fakeCleaner(this::fakeProbe);
        ns.register("dead", "PYRO:obj@10.0.0.1:1000", false, Set.of());
        ns.register("live", "PYRO:obj@10.0.0.2:1000", false, Set.of());
        ns.register("dead.unix", "PYRO:obj@./u:/tmp/gone.sock", false, Set.of());
        ns.register("Pyro.Daemon", "PYRO:Pyro.Daemon@10.0.0.9:1", false, Set.of());
        down.addAll(Set.of("PYRO:obj@10.0.0.1:1000", "PYRO:obj@./u:/tmp/gone.sock", "PYRO:Pyro.NameServer@127.0.0.1:1",
                "PYRO:Pyro.Daemon@10.0.0.9:1"));
        at(0);
        assertEquals(Set.of("dead", "dead.unix"), Set.copyOf(cleaner.unreachableNames()));
        at(19);
        assertEquals(5, ns.count());
        at(20);
        assertEquals(Set.of("Pyro.NameServer", "Pyro.Daemon", "live"), ns.list(null, null, null, null).stream().map(io.pyrons.api.Registration::name).collect(java.util.stream.Collectors.toSet()),
                "the name server and daemon entries are never probed");
        assertTrue(cleaner.unreachableNames().isEmpty());
    }

    @Test
    void answeringAgainStartsTheCountAfresh() {
        fakeCleaner(this::fakeProbe);
        ns.register("flaky", "PYRO:obj@10.0.0.3:1000", false, Set.of());
        down.add("PYRO:obj@10.0.0.3:1000");
        at(0);
        down.clear();
        at(10);
        assertTrue(cleaner.unreachableNames().isEmpty());
        down.add("PYRO:obj@10.0.0.3:1000");
        at(15);
        at(34);
        assertEquals(2, ns.count());
        at(35);
        assertEquals(1, ns.count());
    }

    @Test
    void aRenewedRegistrationIsNeverRemovedForItsOldUri() {
        fakeCleaner(this::fakeProbe);
        ns.register("moved", "PYRO:obj@10.0.0.4:1000", false, Set.of());
        down.addAll(Set.of("PYRO:obj@10.0.0.4:1000", "PYRO:obj@10.0.0.4:2000"));
        at(0);
        ns.register("moved", "PYRO:obj@10.0.0.4:2000", false, Set.of());
        at(20);
        assertEquals("PYRO:obj@10.0.0.4:2000", ns.lookupRegistration("moved").uri(), "new URI: its own 20 s start now");
        at(40);
        assertEquals(1, ns.count());
        ns.register("raced", "PYRO:obj@10.0.0.5:1", false, Set.of());
        assertFalse(ns.removeIfUri("raced", "PYRO:obj@10.0.0.5:2"));
        assertTrue(ns.removeIfUri("raced", "PYRO:obj@10.0.0.5:1"));
        assertFalse(ns.removeIfUri("Pyro.NameServer", "PYRO:Pyro.NameServer@127.0.0.1:1"));
    }

    @Test
    void probesRunInParallelAndNeverHoldUpNameServerCalls() throws Exception {
        int count = 4;
        CyclicBarrier allProbing = new CyclicBarrier(count);
        CountDownLatch release = new CountDownLatch(1);
        // a generous probe timeout: on a loaded machine the four probe threads may take a while to meet
        cleaner = new AutoCleaner(ns, uri -> {
            if (!uri.host().startsWith("10.0.1.")) {
                return true; // "during", registered while the check runs, may or may not be in its snapshot
            }
            try {
                allProbing.await(5, TimeUnit.SECONDS); // only passes if the probes run at the same time
                return release.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20), MAX_UNREACHABLE, clock::get);
        for (int i = 0; i < count; i++) {
            ns.register("obj" + i, "PYRO:obj@10.0.1." + i + ":1000", false, Set.of());
        }
        Thread checking = new Thread(cleaner::check, "test-check");
        checking.start();
        long start = System.nanoTime();
        ns.register("during", "PYRO:obj@10.0.2.1:1000", false, Set.of());
        ns.lookup("obj0");
        ns.remove("during", null, null);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "name server calls wait for no probe");
        release.countDown();
        checking.join(15_000);
        assertFalse(checking.isAlive());
        assertTrue(cleaner.unreachableNames().isEmpty(), "every probe answered: " + cleaner.unreachableNames());
    }

    @Test
    void realSocketsOnAShortSchedule(@TempDir Path dir) throws Exception {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }
        Path liveSocket = dir.resolve("live.sock");
        try (ServerSocket live = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocketChannel liveUnix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            liveUnix.bind(UnixDomainSocketAddress.of(liveSocket));
            ns.register("live", "PYRO:obj@127.0.0.1:" + live.getLocalPort(), false, Set.of());
            ns.register("live.unix", "PYRO:obj@./u:" + liveSocket, false, Set.of());
            ns.register("dead", "PYRO:obj@127.0.0.1:" + deadPort, false, Set.of());
            ns.register("dead.unix", "PYRO:obj@./u:" + dir.resolve("nobody.sock"), false, Set.of());
            cleaner = new AutoCleaner(ns, new SocketReachability(Duration.ofSeconds(1)), Duration.ofSeconds(1),
                    Duration.ZERO, System::nanoTime);
            cleaner.schedule(Duration.ofMillis(100));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ns.count() > 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(Set.of("Pyro.NameServer", "live", "live.unix"), ns.list(null, null, null, null).stream().map(io.pyrons.api.Registration::name).collect(java.util.stream.Collectors.toSet()));
        }
        cleaner.close();
        assertTrue(cleaner.isStopped());
    }

}
