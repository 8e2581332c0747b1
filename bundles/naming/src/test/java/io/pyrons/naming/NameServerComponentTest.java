package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.NameServer;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.storage.memory.MemoryStorageProvider;

import org.junit.jupiter.api.Test;

class NameServerComponentTest {

    private static NamingConfiguration config(String storage, double autoclean) {
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
            public String storage_target() {
                return "(pyrons.storage.type=memory)";
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

    /** Records what it opened so the test can see it closed. */
    private static final class RecordingProvider implements StorageProvider {
        final String type;
        String openedLocation;
        boolean closed;

        RecordingProvider(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public NameStorage open(String location) {
            openedLocation = location;
            NameStorage memory = new MemoryStorageProvider().open(location);
            return (NameStorage) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{NameStorage.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            closed = true;
                        }
                        try {
                            return method.invoke(memory, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void activationRegistersTheNameServerAsPyro4Does() {
        NameServerComponent component = new NameServerComponent(config("memory", 0), new MemoryStorageProvider(), new FakeDaemon());
        assertEquals(1, component.count());
        assertEquals(new Registration("Pyro.NameServer", "PYRO:Pyro.NameServer@127.0.0.1:9090",
                Set.of("class:Pyro4.naming.NameServer")), component.lookupRegistration(NameServer.OBJECT_ID));
        assertEquals("memory", component.storageDescription());
        assertEquals(1L, component.invoke("count", List.of(), Map.of()));
        assertTrue(component.members().methods().contains("yplookup"));
        component.deactivate();
        assertThrows(RuntimeException.class, component::count);
    }

    @Test
    void locationGoesToTheProviderAndTheStoreIsClosedOnDeactivate() {
        RecordingProvider sql = new RecordingProvider("sql");
        NameServerComponent component = new NameServerComponent(config("sql:/tmp/ns.sqlite", 0), sql, new FakeDaemon());
        assertEquals("/tmp/ns.sqlite", sql.openedLocation);
        component.deactivate();
        assertTrue(sql.closed);
    }

    @Test
    void storageTypeMustAgreeWithTheBoundProvider() {
        RecordingProvider memory = new RecordingProvider("memory");
        var e = assertThrows(IllegalStateException.class,
                () -> new NameServerComponent(config("sql:/tmp/ns.sqlite", 0), memory, new FakeDaemon()));
        assertEquals("storage 'sql:/tmp/ns.sqlite' needs a sql storage provider but storage.target selected the "
                + "memory provider; set storage.target=(pyrons.storage.type=sql)", e.getMessage());
        assertEquals(null, memory.openedLocation);
    }

    @Test
    void invalidStorageIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NameServerComponent(config("sql:", 0), new MemoryStorageProvider(), new FakeDaemon()));
        assertEquals("invalid storage type 'sql:'", e.getMessage());
    }

    @Test
    void autocleanIsCheckedLikePyro4AndRunsWhileActive() {
        // the rule itself is tested against Pyro4 in io.pyrons.api.PyroRulesTest
        var refused = assertThrows(IllegalArgumentException.class,
                () -> new NameServerComponent(config("memory", 2), new MemoryStorageProvider(), new FakeDaemon()));
        assertEquals("NS_AUTOCLEAN cannot be smaller than 3", refused.getMessage());
        assertEquals(null, new NameServerComponent(config("memory", 0), new MemoryStorageProvider(), new FakeDaemon()).cleaner());
        // Pyro4 cleans only when NS_AUTOCLEAN > 0
        assertEquals(null, new NameServerComponent(config("memory", -1), new MemoryStorageProvider(), new FakeDaemon()).cleaner());
        NameServerComponent cleaning = new NameServerComponent(config("memory", 3), new MemoryStorageProvider(), new FakeDaemon());
        assertTrue(cleaning.cleaner() != null);
        long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("pyrons-autoclean")).count();
        assertEquals(1, threads, "one scheduler thread while active");
        cleaning.deactivate();
        assertTrue(cleaning.cleaner().isStopped(), "stopped on deactivate");
    }

    @Test
    void failedActivationClosesTheStore() {
        RecordingProvider memory = new RecordingProvider("memory");
        FakeDaemon brokenDaemon = new FakeDaemon() {
            @Override
            public io.pyrons.api.PyroURI uriFor(String objectId) {
                throw new IllegalStateException("daemon is gone");
            }
        };
        var e = assertThrows(IllegalStateException.class, () -> new NameServerComponent(config("memory", 0), memory, brokenDaemon));
        assertEquals("daemon is gone", e.getMessage());
        assertTrue(memory.closed);
        assertEquals("", memory.openedLocation);
    }
}
