package io.pyrons.storage.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.NameStorageContract;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage contract against a real ZooKeeper server (each test in its own chroot; reopen is a new session on
 * the same location, which reads every name back), and what only a shared store has: two stores on one location.
 */
class ZooKeeperNameStorageTest extends NameStorageContract {
    private static final AtomicInteger CHROOTS = new AtomicInteger();
    private static EmbeddedZooKeeper zookeeper;
    private String location;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = EmbeddedZooKeeper.start();
    }

    @AfterAll
    static void stopZooKeeper() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    private static ZooKeeperNameStorage open(String location) {
        return ZooKeeperNameStorage.open(ZooKeeperLocation.parse(location), Duration.ofSeconds(10),
                Duration.ofSeconds(5), null);
    }

    @Override
    protected NameStorage open() {
        location = zookeeper.connectString() + "/contract/t" + CHROOTS.incrementAndGet();
        return open(location);
    }

    @Override
    protected NameStorage reopen(NameStorage storage) {
        storage.close();
        return open(location);
    }

    @Override
    protected int concurrencyOperationsPerThread() {
        return 50;
    }

    @Test
    void aNameWrittenThroughOneStoreIsFoundThroughAnotherAtOnce() {
        try (ZooKeeperNameStorage other = open(location)) {
            for (int i = 0; i < 50; i++) {
                Registration registration = reg("at.once/" + i + "\u0000%", "t");
                assertNull(store.put(registration, true));
                assertEquals(registration, other.get(registration.name())); // a miss asks ZooKeeper
            }
        }
    }

    /** What the name server may answer on an I/O thread: what the copy holds, never a miss while connected. */
    @Test
    void onlyNamesTheCopyHoldsAreReadWithoutBlocking() throws InterruptedException {
        ZooKeeperNameStorage here = (ZooKeeperNameStorage) store;
        try (ZooKeeperNameStorage other = open(location)) {
            assertTrue(here.readsWithoutBlocking(null), "the count is the copy's");
            assertFalse(here.readsWithoutBlocking("later"), "a miss asks ZooKeeper");
            here.put(reg("mine"), false);
            assertTrue(here.readsWithoutBlocking("mine"), "its own write is in the copy at once");
            other.put(reg("later"), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!here.readsWithoutBlocking("later") && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertTrue(here.readsWithoutBlocking("later"), "another instance's write reaches the copy by its watch");
            assertEquals(reg("later"), here.get("later"));
            other.remove("mine");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (here.readsWithoutBlocking("mine") && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertFalse(here.readsWithoutBlocking("mine"), "a name removed elsewhere is a miss again");
            assertNull(here.get("mine"));
        }
    }

    @Test
    void ofTwoStoresRegisteringOneNameSafelyTheFirstWinsAndTheOtherIsTold() {
        try (ZooKeeperNameStorage other = open(location)) {
            Registration first = reg("only.one", "a");
            Registration second = new Registration("only.one", "PYRO:second@localhost:1", Set.of());
            assertNull(store.put(first, true));
            assertEquals(first, other.put(second, true));
            assertEquals(first, other.get("only.one"));
        }
    }

    /** An unsafe register of a name its copy lacks tries a create first; the znode exists: it is overwritten. */
    @Test
    void anUnsafeRegisterOfANameOnlyAnotherStoreHasWrittenReplacesIt() throws InterruptedException {
        try (ZooKeeperNameStorage other = open(location)) {
            for (int i = 0; i < 20; i++) {
                Registration first = reg("overwritten." + i, "a");
                Registration second = new Registration(first.name(), "PYRO:second@localhost:1", Set.of("b"));
                assertNull(store.put(first, false));
                other.put(second, false); // at once: other's copy may not hold the name yet
                assertEquals(second, other.get(first.name()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!second.equals(store.get(first.name())) && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
                assertEquals(second, store.get(first.name()));
            }
        }
    }

    @Test
    void everyStoreConvergesOnTheSameNamespace() throws InterruptedException {
        try (ZooKeeperNameStorage other = open(location)) {
            for (int i = 0; i < 200; i++) {
                (i % 2 == 0 ? store : other).put(reg("n" + i, "m" + (i % 5)), false);
            }
            other.remove("n4");
            store.removeAll(List.of("n6", "n8", "missing"));
            other.put(reg("n10", "changed"), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!store.all().equals(other.all()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(store.all(), other.all());
            assertEquals(197, other.count());
            assertEquals(store.withAllMetadata(Set.of("changed")), other.withAllMetadata(Set.of("changed")));
        }
    }

    @Test
    void eachStoreKeepsItsOwnNameServerEntry() throws InterruptedException {
        try (ZooKeeperNameStorage other = open(location)) {
            store.put(new Registration(NameServer.OBJECT_ID, "PYRO:Pyro.NameServer@localhost:1", Set.of()), false);
            other.put(new Registration(NameServer.OBJECT_ID, "PYRO:Pyro.NameServer@localhost:2", Set.of()), false);
            store.put(reg("shared"), false);
            assertEquals("PYRO:Pyro.NameServer@localhost:1", store.get(NameServer.OBJECT_ID).uri());
            assertEquals("PYRO:Pyro.NameServer@localhost:2", other.get(NameServer.OBJECT_ID).uri());
            assertNotNull(other.get("shared"));
            assertEquals(2, store.count());
            assertEquals(2, other.count());
            // a member znode exists before its data is the instance's URI (set when the name server registers)
            List<String> expected = List.of("PYRO:Pyro.NameServer@localhost:1", "PYRO:Pyro.NameServer@localhost:2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!expected.equals(other.memberUris().stream().sorted().toList()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(expected, new ArrayList<>(other.memberUris()).stream().sorted().toList());
            assertTrue(((ZooKeeperNameStorage) store).leader() != other.leader(), "exactly one leader");
        }
    }

    @Test
    void aStoreOnAServerThatIsGoneFailsToOpenNamingIt() {
        StorageException refused = assertThrows(StorageException.class, () -> ZooKeeperNameStorage.open(
                ZooKeeperLocation.parse("127.0.0.1:1"), Duration.ofMillis(1500), Duration.ofSeconds(1), null));
        assertTrue(refused.getMessage().startsWith("cannot open zk:127.0.0.1:1: "), refused.getMessage());
    }

    @Test
    void badLocationsAreRefusedInOneLine() {
        for (String bad : List.of("", "localhost", "localhost:x", "localhost:0", ":2181", "h:2181/", "h:2181//a",
                "h:2181/a/../b")) {
            StorageException refused = assertThrows(StorageException.class, () -> ZooKeeperLocation.parse(bad));
            assertTrue(refused.getMessage().contains("zk"), refused.getMessage());
        }
        assertEquals(new ZooKeeperLocation("a:1,b:2", "/x/y"), ZooKeeperLocation.parse("a:1,b:2/x/y"));
        assertEquals(new ZooKeeperLocation("a:1", "/pyrons"), ZooKeeperLocation.parse("a:1"));
    }

    @Test
    void writesWithoutZooKeeperFailAsStorageUnavailableAndReadsGoOn() throws Exception {
        EmbeddedZooKeeper own = EmbeddedZooKeeper.start();
        ZooKeeperNameStorage alone = ZooKeeperNameStorage.open(ZooKeeperLocation.parse(own.connectString()),
                Duration.ofSeconds(10), Duration.ofSeconds(1), null);
        try {
            alone.put(reg("kept", "t"), false);
            own.close();
            long start = System.nanoTime();
            NamingError refused = assertThrows(NamingError.class, () -> alone.put(reg("refused"), false));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(refused.getMessage().startsWith("storage unavailable: "), refused.getMessage());
            assertTrue(millis < 3000, "took " + millis + " ms");
            assertEquals(reg("kept", "t"), alone.get("kept"));
            assertNull(alone.get("never.there"));
            assertEquals(List.of(reg("kept", "t")), alone.withAllMetadata(Set.of("t")));
            assertTrue(alone.stale());
            assertTrue(alone.readsWithoutBlocking("never.there"), "without ZooKeeper a miss is answered at once");
            assertTrue(alone.statusLine().startsWith("not connected to ZooKeeper since "), alone.statusLine());
        } finally {
            alone.close();
        }
    }
}
