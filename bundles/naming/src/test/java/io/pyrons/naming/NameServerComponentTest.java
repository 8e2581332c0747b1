package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.status.PartStatus.State;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.storage.memory.MemoryNameStorage;
import io.pyrons.storage.memory.MemoryStorageProvider;

import org.junit.jupiter.api.Test;

class NameServerComponentTest {
    private static final String NS_URI = "PYRO:Pyro.NameServer@127.0.0.1:9090";

    static NamingConfiguration config(String storage, double autoclean) {
        return new NamingConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return NamingConfiguration.class;
            }

            @Override
            public String storage() {
                return storage;
            }

            @Override
            public double autoclean() {
                return autoclean;
            }

            @Override
            public double comm_timeout() {
                return 0;
            }
        };
    }

    /**
     * A persistent backend of any type, kept in memory: each location is one store that outlives closing (as a
     * file does); it records what was opened and closed, and can be made to fail or to write slowly.
     */
    static final class FakeBackend implements StorageProvider {
        final String type;
        final Map<String, MemoryNameStorage> files = new ConcurrentHashMap<>();
        final List<String> opened = new ArrayList<>();
        final AtomicInteger closed = new AtomicInteger();
        volatile String refuseOpen;
        /** Puts fail once this many have succeeded (negative: never). */
        volatile int failAfterPuts = -1;
        volatile long putDelayNanos;
        final AtomicInteger puts = new AtomicInteger();

        FakeBackend(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        MemoryNameStorage file(String location) {
            return files.computeIfAbsent(location, l -> new MemoryNameStorage());
        }

        @Override
        public NameStorage open(String location) {
            if (refuseOpen != null) {
                throw new StorageException(refuseOpen);
            }
            opened.add(location);
            MemoryNameStorage file = file(location);
            AtomicBoolean isClosed = new AtomicBoolean();
            return (NameStorage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{NameStorage.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "close" -> {
                                if (!isClosed.getAndSet(true)) {
                                    closed.incrementAndGet();
                                }
                                return null;
                            }
                            case "description" -> {
                                return type + ":" + location;
                            }
                            case "nonBlocking", "readsWithoutBlocking" -> {
                                return false;
                            }
                            case "put" -> {
                                if (failAfterPuts >= 0 && puts.get() >= failAfterPuts) {
                                    throw new StorageException(type + ":" + location + ": disk full");
                                }
                                puts.incrementAndGet();
                                if (putDelayNanos > 0) {
                                    TimeUnit.NANOSECONDS.sleep(putDelayNanos);
                                }
                            }
                            default -> {
                            }
                        }
                        if (isClosed.get()) {
                            throw new StorageException(type + ":" + location + " is closed");
                        }
                        try {
                            return method.invoke(file, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** A name server as DS builds it, with the given backends installed and the fake daemon bound. */
    static NameServerComponent started(String storage, StorageProvider... providers) {
        NameServerComponent component = new NameServerComponent(null, config(storage, 0), Map.of());
        for (StorageProvider provider : providers) {
            install(component, provider);
        }
        component.bindDaemon(new FakeDaemon());
        component.start();
        return component;
    }

    static void install(NameServerComponent component, StorageProvider provider) {
        component.bindStorage(provider, Map.of(StorageProvider.TYPE, provider.type()));
    }

    static void configure(NameServerComponent component, String storage) {
        component.modified(config(storage, 0), Map.of());
    }

    static Map<String, String> names(NameServer ns) {
        Map<String, String> names = new TreeMap<>();
        ns.list(null, null, null, null).forEach(r -> names.put(r.name(), r.uri()));
        return names;
    }

    static Map<String, String> names(NameStorage storage) {
        Map<String, String> names = new TreeMap<>();
        storage.all().forEach(r -> names.put(r.name(), r.uri()));
        return names;
    }

    @Test
    void activationRegistersTheNameServerAsPyro4AndPyro5Do() {
        NameServerComponent component = new NameServerComponent(config("memory", 0), new MemoryStorageProvider(), new FakeDaemon());
        assertEquals(1, component.count());
        // one name server for both: Pyro4's and Pyro5's tags
        assertEquals(new Registration("Pyro.NameServer", NS_URI,
                        Set.of("class:Pyro4.naming.NameServer", "class:Pyro5.nameserver.NameServer")),
                component.lookupRegistration(NameServer.OBJECT_ID));
        assertEquals("memory", component.storageDescription());
        assertEquals(new NameServerComponent.Status(State.UP, "memory"), component.status());
        assertEquals(1L, component.invoke("count", List.of(), Map.of()));
        assertTrue(component.members().methods().contains("yplookup"));
        assertTrue(component.isQuick("lookup", List.of("x"), Map.of()), "memory lookups are answered on the I/O thread");
        component.deactivate();
        assertThrows(NamingError.class, component::count);
    }

    @Test
    void theStorageSettingAloneSelectsTheBackendByItsType() {
        FakeBackend sql = new FakeBackend("sql");
        NameServerComponent component = started("sql:/tmp/ns.sqlite", new MemoryStorageProvider(), sql);
        assertEquals(List.of("/tmp/ns.sqlite"), sql.opened);
        assertEquals(new NameServerComponent.Status(State.UP, "sql:/tmp/ns.sqlite"), component.status());
        assertFalse(component.isQuick("lookup", List.of("x"), Map.of()), "a store with I/O is never quick");
        component.deactivate();
        assertEquals(1, sql.closed.get());
    }

    @Test
    void aBackendNobodyListedIsSelectableByItsType() {
        FakeBackend fixture = new FakeBackend("fixture");
        NameServerComponent component = started("fixture:whatever", new MemoryStorageProvider(), fixture);
        component.register("a", "PYRO:a@127.0.0.1:1", false, null);
        assertEquals("PYRO:a@127.0.0.1:1", fixture.file("whatever").get("a").uri());
        component.deactivate();
    }

    @Test
    void aMissingBackendMakesEveryCallANamingErrorNamingItUntilItIsInstalled() {
        MemoryStorageProvider memory = new MemoryStorageProvider();
        NameServerComponent component = started("memory", memory);
        component.register("before.switch", "PYRO:b@127.0.0.1:1", false, Set.of("tag"));

        configure(component, "sql:/tmp/ns.sqlite");
        String reason = "storage backend 'sql' is not installed";
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE, reason), component.status());
        for (String method : List.of("count", "list", "ping", "register", "lookup")) {
            List<Object> args = switch (method) {
                case "register" -> List.of("x", "PYRO:x@127.0.0.1:2");
                case "lookup" -> List.of("before.switch");
                default -> List.of();
            };
            NamingError e = assertThrows(NamingError.class, () -> component.invoke(method, args, Map.of()), method);
            assertEquals("name server unavailable: " + reason, e.getMessage());
        }
        assertTrue(component.members().methods().contains("lookup"), "still served, so clients can connect");

        FakeBackend sql = new FakeBackend("sql");
        install(component, sql);
        assertEquals(State.UP, component.status().state());
        assertEquals("sql:/tmp/ns.sqlite; copied the 1 name of memory", component.status().detail());
        assertEquals(Map.of(NameServer.OBJECT_ID, NS_URI, "before.switch", "PYRO:b@127.0.0.1:1"),
                names(sql.file("/tmp/ns.sqlite")));
        assertEquals(Set.of("tag"), component.lookupRegistration("before.switch").metadata());
        component.deactivate();
    }

    @Test
    void namesMoveToAnEmptyStoreAndTheOldStoreIsClosed() {
        FakeBackend dbm = new FakeBackend("dbm");
        FakeBackend sql = new FakeBackend("sql");
        NameServerComponent component = started("dbm:a", dbm, sql);
        component.register("one", "PYRO:1@127.0.0.1:1", false, Set.of("x"));
        component.register("two", "PYRO:2@127.0.0.1:1", false, null);

        configure(component, "sql:b");
        assertEquals(new NameServerComponent.Status(State.UP, "sql:b; copied the 2 names of dbm:a"), component.status());
        assertEquals(names(dbm.file("a")), names(sql.file("b")));
        assertEquals(Set.of("x"), sql.file("b").get("one").metadata());
        assertEquals(1, dbm.closed.get());
        component.register("three", "PYRO:3@127.0.0.1:1", false, null);
        assertNull(dbm.file("a").get("three"), "writes after the switch go to the new store only");
        component.deactivate();
    }

    @Test
    void aStoreThatHoldsNamesKeepsThemAndTheStatusSaysWhichWon() {
        FakeBackend sql = new FakeBackend("sql");
        sql.file("full").put(new Registration("there.before", "PYRO:t@127.0.0.1:1", null), false);
        NameServerComponent component = started("memory", new MemoryStorageProvider(), sql);
        component.register("in.memory", "PYRO:m@127.0.0.1:1", false, null);

        configure(component, "sql:full");
        assertEquals(new NameServerComponent.Status(State.UP,
                "sql:full; kept the 1 name already in sql:full; the 1 name in memory was not copied"), component.status());
        assertEquals(Map.of(NameServer.OBJECT_ID, NS_URI, "there.before", "PYRO:t@127.0.0.1:1"), names(component));
        component.deactivate();
    }

    @Test
    void aFailedCopyIsUndoneAndTheNameServerStaysOnTheOldStore() {
        FakeBackend sql = new FakeBackend("sql");
        NameServerComponent component = started("memory", new MemoryStorageProvider(), sql);
        for (int i = 0; i < 10; i++) {
            component.register("n" + i, "PYRO:n@127.0.0.1:" + (i + 1), false, null);
        }
        Map<String, String> before = names(component);
        sql.failAfterPuts = 5;

        configure(component, "sql:broken");
        assertEquals(new NameServerComponent.Status(State.UP, "memory; cannot switch to sql:broken: cannot copy the "
                + "10 names of memory to sql:broken: sql:broken: disk full; still on memory"), component.status());
        assertEquals(before, names(component));
        assertEquals(Map.of(), names(sql.file("broken")), "nothing of the copy is left");
        assertEquals(1, sql.closed.get());
        component.register("still.writable", "PYRO:w@127.0.0.1:1", false, null);

        sql.failAfterPuts = -1;
        configure(component, "sql:good");
        assertEquals("sql:good; copied the 11 names of memory", component.status().detail());
        component.deactivate();
    }

    @Test
    void aStoreThatCannotBeOpenedKeepsTheOldOneOrSaysWhyWhenThereIsNone() {
        FakeBackend sql = new FakeBackend("sql");
        sql.refuseOpen = "sql:/x/ns.sqlite is not a database file";
        NameServerComponent first = started("sql:/x/ns.sqlite", new MemoryStorageProvider(), sql);
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE, "sql:/x/ns.sqlite is not a database file"),
                first.status());
        first.deactivate();

        NameServerComponent running = started("memory", new MemoryStorageProvider(), sql);
        configure(running, "sql:/x/ns.sqlite");
        assertEquals(new NameServerComponent.Status(State.UP, "memory; cannot switch to sql:/x/ns.sqlite: "
                + "sql:/x/ns.sqlite is not a database file; still on memory"), running.status());
        assertEquals(1, running.count());
        running.deactivate();
    }

    /** Issue 17, install = enable: without a storage setting, an offered default.location is used; a setting wins. */
    @Test
    void withoutAStorageSettingTheOfferedDefaultLocationIsUsedAndASettingWins() {
        FakeBackend sql = new FakeBackend("sql");
        FakeBackend dbm = new FakeBackend("dbm");
        NameServerComponent component = started("", new MemoryStorageProvider(), dbm);
        assertEquals(new NameServerComponent.Status(State.UP, "memory"), component.status(), "nothing offers: memory");
        component.register("one", "PYRO:1@127.0.0.1:1", false, Set.of("x"));

        component.bindStorage(sql, Map.of(StorageProvider.TYPE, "sql", StorageBackends.DEFAULT_LOCATION, "/data/ns.sqlite"));
        assertEquals(new NameServerComponent.Status(State.UP, "sql:/data/ns.sqlite; copied the 1 name of memory"),
                component.status(), "installing a provider that offers a location switches to it with the names");
        assertEquals(Set.of("x"), sql.file("/data/ns.sqlite").get("one").metadata());

        component.updatedStorage(sql, Map.of(StorageProvider.TYPE, "sql", StorageBackends.DEFAULT_LOCATION, "/data/b.sqlite"));
        assertEquals(new NameServerComponent.Status(State.UP, "sql:/data/b.sqlite; copied the 1 name of sql:/data/ns.sqlite"),
                component.status(), "a changed default location is followed");

        component.unbindStorage(sql);
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE, "storage backend 'sql' is not installed"),
                component.status(), "the chosen store's backend gone: unavailable, not an empty memory store");

        configure(component, "dbm:/set/by/operator");
        component.bindStorage(sql, Map.of(StorageProvider.TYPE, "sql", StorageBackends.DEFAULT_LOCATION, "/data/c.sqlite"));
        assertEquals("dbm:/set/by/operator", component.status().detail().split(";")[0], "a storage setting wins");
        assertFalse(sql.files.containsKey("/data/c.sqlite"));
        component.deactivate();
    }

    @Test
    void theBackendInUseGoingAwayLeavesItUnavailableNotEmptyAndItsReturnServesTheSameNames() {
        FakeBackend sql = new FakeBackend("sql");
        MemoryStorageProvider memory = new MemoryStorageProvider();
        NameServerComponent component = started("sql:f", memory, sql);
        component.register("kept", "PYRO:k@127.0.0.1:1", false, null);

        component.unbindStorage(sql);
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE, "storage backend 'sql' is not installed"),
                component.status());
        assertEquals(1, sql.closed.get(), "closed while its bundle still works");
        assertThrows(NamingError.class, () -> component.lookup("kept"));

        install(component, sql);
        assertEquals(new NameServerComponent.Status(State.UP, "sql:f"), component.status());
        assertEquals("PYRO:k@127.0.0.1:1", component.lookup("kept").asString());
        assertEquals(0, memory.open("").count(), "nothing was copied into memory meanwhile");
        component.deactivate();
    }

    @Test
    void theHeldStoresBackendGoingAwayDoesNotChangeTheReasonForTheConfiguredOne() {
        MemoryStorageProvider memory = new MemoryStorageProvider();
        NameServerComponent component = started("memory", memory);
        component.register("lost.with.memory", "PYRO:l@127.0.0.1:1", false, null);
        configure(component, "sql:f");
        component.unbindStorage(memory);
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE, "storage backend 'sql' is not installed"),
                component.status());
        FakeBackend sql = new FakeBackend("sql");
        install(component, sql);
        assertEquals(new NameServerComponent.Status(State.UP, "sql:f"), component.status(), "nothing left to copy");
        assertEquals(Map.of(NameServer.OBJECT_ID, NS_URI), names(component));
        component.deactivate();
    }

    @Test
    void switchingBackToAStoreStillHeldReusesIt() {
        MemoryStorageProvider memory = new MemoryStorageProvider();
        NameServerComponent component = started("memory", memory);
        component.register("a", "PYRO:a@127.0.0.1:1", false, null);
        configure(component, "dbm:nowhere");
        assertEquals(State.UNAVAILABLE, component.status().state());
        configure(component, "memory");
        assertEquals(new NameServerComponent.Status(State.UP, "memory"), component.status());
        assertEquals("PYRO:a@127.0.0.1:1", component.lookup("a").asString());
        component.deactivate();
    }

    @Test
    void anInvalidSettingIsUnavailableWithTheReason() {
        NameServerComponent component = started(":x", new MemoryStorageProvider());
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE,
                "invalid storage ':x': no type before ':' (as in sql:FILE)"), component.status());
        component.deactivate();
    }

    @Test
    void aMovedDaemonReRegistersTheEntryAndKeepsEveryName() {
        NameServerComponent component = started("memory", new MemoryStorageProvider());
        component.register("a", "PYRO:a@127.0.0.1:1", false, null);
        FakeDaemon moved = new FakeDaemon() {
            @Override
            public PyroURI uriFor(String objectId) {
                return PyroURI.pyro(objectId, "127.0.0.1", 9191);
            }
        };
        component.updatedDaemon(moved);
        assertEquals("PYRO:Pyro.NameServer@127.0.0.1:9191", component.lookup(NameServer.OBJECT_ID).asString());
        assertEquals("PYRO:a@127.0.0.1:1", component.lookup("a").asString());
        component.unbindDaemon(moved);
        assertEquals(2, component.count(), "no daemon: the name server and its entry stay");
        component.deactivate();
    }

    @Test
    void clientsSeeTheOldOrTheNewNamespaceNeverHalfWhileNamesAreCopied() throws Exception {
        FakeBackend sql = new FakeBackend("sql");
        NameServerComponent component = started("memory", new MemoryStorageProvider(), sql);
        int names = 400;
        for (int i = 0; i < names; i++) {
            component.register(String.format("n.%04d", i), "PYRO:n@127.0.0.1:" + (i + 1), false, null);
        }
        sql.putDelayNanos = TimeUnit.MILLISECONDS.toNanos(5);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch readerRunning = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!done.get() && System.nanoTime() < deadline) {
                try {
                    int count = component.count();
                    if (count != names + 1) {
                        problems.add("count " + count);
                    }
                    if (component.list("n.", null, null, null).size() != names) {
                        problems.add("a partial list");
                    }
                    component.lookup(String.format("n.%04d", names - 1));
                } catch (RuntimeException e) {
                    problems.add(e.toString());
                }
                reads.incrementAndGet();
                readerRunning.countDown();
            }
        });
        reader.start();
        assertTrue(readerRunning.await(10, TimeUnit.SECONDS));
        configure(component, "sql:moved");
        sql.putDelayNanos = 0;
        Thread.sleep(20);
        done.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("sql:moved; copied the 400 names of memory", component.status().detail());
        assertTrue(problems.isEmpty(), () -> problems.stream().limit(5).toList().toString());
        assertTrue(reads.get() > 10, "the reader ran during the copy: " + reads.get());
        component.deactivate();
    }

    @Test
    void writesDuringACopyWaitAndLandInTheNewStore() throws Exception {
        FakeBackend sql = new FakeBackend("sql");
        NameServerComponent component = started("memory", new MemoryStorageProvider(), sql);
        for (int i = 0; i < 200; i++) {
            component.register("n" + i, "PYRO:n@127.0.0.1:1", false, null);
        }
        sql.putDelayNanos = TimeUnit.MILLISECONDS.toNanos(20);
        Thread switcher = new Thread(() -> configure(component, "sql:moved"));
        switcher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sql.puts.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertFalse(component.isQuick("lookup", List.of("n1"), Map.of()), "nothing is quick during a copy");
        component.register("during.copy", "PYRO:d@127.0.0.1:1", false, null);
        switcher.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("PYRO:d@127.0.0.1:1", sql.file("moved").get("during.copy").uri());
        component.deactivate();
    }

    @Test
    void locationGoesToTheProviderAndTheStoreIsClosedOnDeactivate() {
        FakeBackend sql = new FakeBackend("sql");
        NameServerComponent component = new NameServerComponent(config("sql:/tmp/ns.sqlite", 0), sql, new FakeDaemon());
        assertEquals(List.of("/tmp/ns.sqlite"), sql.opened);
        component.deactivate();
        assertEquals(1, sql.closed.get());
    }

    @Test
    void autocleanIsCheckedLikePyro4AndRunsWhileAStoreServes() {
        assertEquals(Duration.ZERO, NameServerComponent.cleanInterval(0));
        assertEquals(Duration.ZERO, NameServerComponent.cleanInterval(-1), "negative is off, as in Pyro4");
        for (double tooSmall : new double[]{0.5, 1, 2, 2.99}) {
            var e = assertThrows(IllegalArgumentException.class, () -> NameServerComponent.cleanInterval(tooSmall));
            assertEquals("NS_AUTOCLEAN cannot be smaller than 3", e.getMessage());
        }
        var refused = assertThrows(IllegalArgumentException.class,
                () -> new NameServerComponent(config("memory", 2), new MemoryStorageProvider(), new FakeDaemon()));
        assertEquals("NS_AUTOCLEAN cannot be smaller than 3", refused.getMessage());
        assertNull(new NameServerComponent(config("memory", 0), new MemoryStorageProvider(), new FakeDaemon()).cleaner());
        NameServerComponent cleaning = new NameServerComponent(config("memory", 3), new MemoryStorageProvider(), new FakeDaemon());
        AutoCleaner cleaner = cleaning.cleaner();
        assertTrue(cleaner != null);
        assertEquals(1, autocleanThreads(), "one scheduler thread while active");
        cleaning.modified(config("sql:x", 3), Map.of());
        assertTrue(cleaner.isStopped(), "stopped while no store serves");
        cleaning.modified(config("memory", 3), Map.of());
        assertTrue(cleaning.cleaner() != null && !cleaning.cleaner().isStopped(), "running again");
        AutoCleaner second = cleaning.cleaner();
        cleaning.deactivate();
        assertTrue(second.isStopped(), "stopped on deactivate");
        assertEquals(Duration.ofSeconds(5), NameServerComponent.probeTimeout(0));
        assertEquals(Duration.ofMillis(1500), NameServerComponent.probeTimeout(1.5));
    }

    private static long autocleanThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("pyrons-autoclean")).count();
    }

    @Test
    void aDaemonThatCannotGiveItsUriLeavesTheNameServerUnavailableAndTheStoreClosed() {
        FakeBackend sql = new FakeBackend("sql");
        FakeDaemon brokenDaemon = new FakeDaemon() {
            @Override
            public PyroURI uriFor(String objectId) {
                throw new IllegalStateException("daemon is gone");
            }
        };
        NameServerComponent component = new NameServerComponent(config("sql:f", 0), sql, brokenDaemon);
        assertEquals(new NameServerComponent.Status(State.UNAVAILABLE, "daemon is gone"), component.status());
        assertEquals(1, sql.closed.get());
        component.deactivate();
    }
}
