package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

import io.pyrons.api.Registration;
import io.pyrons.api.PyroURI;
import io.pyrons.naming.Reachability.Answer;
import io.pyrons.storage.memory.MemoryNameStorage;

/** Pyro4's AutoCleaner rules with a fake clock and fake probes, then once with real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutoCleanerTest {
    private static final Duration MAX_UNREACHABLE = Duration.ofSeconds(20);

    private final AtomicLong clock = new AtomicLong();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
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

    private Answer fakeProbe(PyroURI uri) {
        if (silent.contains(uri.asString())) {
            return Answer.SILENT;
        }
        return down.contains(uri.asString()) ? Answer.REFUSED : Answer.ACCEPTED;
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
    void onlyTheHousekeeperOfASharedStoreCleans() {
        java.util.concurrent.atomic.AtomicBoolean elected = new java.util.concurrent.atomic.AtomicBoolean(false);
        MemoryNameStorage names = new MemoryNameStorage();
        // a shared store as the naming bundle sees it: the memory store, elected only while 'elected' says so
        ns = new StoredNameServer((io.pyrons.api.storage.NameStorage) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{io.pyrons.api.storage.NameStorage.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("housekeeper")) {
                        return elected.get();
                    }
                    try {
                        return method.invoke(names, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
        fakeCleaner(this::fakeProbe);
        ns.register("dead", "PYRO:obj@10.0.0.1:1000", false, Set.of());
        down.add("PYRO:obj@10.0.0.1:1000");
        at(0);
        at(30);
        assertEquals(1, ns.count(), "not elected: another instance cleans the shared names");
        assertTrue(cleaner.unreachableNames().isEmpty());
        elected.set(true);
        at(40);
        at(59);
        assertEquals(1, ns.count(), "elected at 40 s: its own 20 s start then");
        at(60);
        assertEquals(0, ns.count());
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
    void aSilentProbeIsNoEvidenceEitherWay() {
        fakeCleaner(this::fakeProbe);
        ns.register("partitioned", "PYRO:obj@10.0.3.1:1000", false, Set.of());
        ns.register("gone", "PYRO:obj@10.0.3.2:1000", false, Set.of());
        silent.add("PYRO:obj@10.0.3.1:1000");
        down.add("PYRO:obj@10.0.3.2:1000");
        at(0);
        at(100);
        assertEquals(Set.of("Pyro.NameServer", "partitioned"), names(ns),
                "a server that never answered is not gone, one that refused for 20 s is");
        assertTrue(cleaner.unreachableNames().isEmpty());
        silent.clear();
        down.add("PYRO:obj@10.0.3.1:1000");
        at(110);
        silent.add("PYRO:obj@10.0.3.1:1000");
        at(125);
        assertEquals(Set.of("partitioned"), Set.copyOf(cleaner.unreachableNames()), "silence does not end a count");
        at(135);
        assertEquals(2, ns.count(), "nor does it finish one: only a refusal removes");
        silent.clear();
        at(136);
        assertEquals(1, ns.count());
    }

    @Test
    void probesRunInParallelAndNeverHoldUpNameServerCalls() throws Exception {
        int count = 4;
        CyclicBarrier allProbing = new CyclicBarrier(count);
        CountDownLatch release = new CountDownLatch(1);
        // a generous probe timeout: on a loaded machine the four probe threads may take a while to meet
        cleaner = new AutoCleaner(ns, uri -> {
            if (!uri.host().startsWith("10.0.1.")) {
                return Answer.ACCEPTED; // "during", registered while the check runs, may or may not be in its snapshot
            }
            try {
                allProbing.await(5, TimeUnit.SECONDS); // only passes if the probes run at the same time
                return release.await(10, TimeUnit.SECONDS) ? Answer.ACCEPTED : Answer.SILENT;
            } catch (Exception e) {
                return Answer.SILENT;
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
    void probesQueuedBehindABlackHoledHostAreNotCountedAsDead(@TempDir Path dir) throws Exception {
        List<Socket> queued = new ArrayList<>();
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }
        // a listener that never accepts: once its accept queue is full, Linux drops further SYNs unanswered
        try (ServerSocket hole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket live = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 10 && !blackHoled(hole.getLocalPort()); i++) {
                Socket filler = new Socket();
                filler.connect(hole.getLocalSocketAddress(), 1000);
                queued.add(filler);
            }
            assertTrue(blackHoled(hole.getLocalPort()), "the accept queue never filled");
            for (int i = 0; i < 48; i++) { // six waves of the eight probe threads, each waiting out its timeout
                ns.register(String.format("a.hole.%02d", i), "PYRO:obj" + i + "@127.0.0.1:" + hole.getLocalPort(),
                        false, Set.of());
            }
            ns.register("b.dead", "PYRO:obj@127.0.0.1:" + deadPort, false, Set.of());
            ns.register("b.dead.unix", "PYRO:obj@./u:" + dir.resolve("nobody.sock"), false, Set.of());
            ns.register("c.live", "PYRO:obj@127.0.0.1:" + live.getLocalPort(), false, Set.of());
            cleaner = new AutoCleaner(ns, new SocketReachability(Duration.ofMillis(500)), Duration.ofMillis(500),
                    Duration.ZERO, System::nanoTime);
            long start = System.nanoTime();
            cleaner.check();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "a round ends");
            Set<String> left = names(ns);
            assertTrue(left.contains("c.live"), "the live server queued behind the black hole stays: " + left);
            assertFalse(left.contains("b.dead") || left.contains("b.dead.unix"), "the refused ones go: " + left);
            assertEquals(48 + 2, left.size(), "the black-holed ones stay (silence is no evidence): " + left);
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void aUnixListenerWithAFullBacklogIsSilentAndAMissingOneRefused(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("busy.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel busy = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            busy.bind(UnixDomainSocketAddress.of(path), 1);
            SocketReachability probe = new SocketReachability(Duration.ofMillis(300));
            PyroURI uri = PyroURI.parse("PYRO:obj@./u:" + path);
            assertEquals(Answer.ACCEPTED, probe.probe(uri));
            for (int i = 0; i < 10 && queued.size() == i; i++) { // a blocking connect would now wait for good
                SocketChannel filler = SocketChannel.open(StandardProtocolFamily.UNIX);
                filler.configureBlocking(false);
                try {
                    filler.connect(UnixDomainSocketAddress.of(path));
                    queued.add(filler);
                } catch (IOException full) {
                    filler.close();
                }
            }
            long start = System.nanoTime();
            assertEquals(Answer.SILENT, probe.probe(uri));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertEquals(Answer.REFUSED, probe.probe(PyroURI.parse("PYRO:obj@./u:" + dir.resolve("none.sock"))));
        } finally {
            for (SocketChannel channel : queued) {
                channel.close();
            }
        }
        assertEquals(Answer.REFUSED, new SocketReachability(Duration.ofMillis(300))
                .probe(PyroURI.parse("PYRO:obj@./u:" + path)), "a socket file nobody listens on");
    }

    private static boolean blackHoled(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
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


    private static Set<String> names(StoredNameServer ns) {
        return ns.list(null, null, null, null).stream().map(Registration::name).collect(Collectors.toSet());
    }
}
