package io.pyrons.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.NameStorageContract;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.Test;

class MemoryNameStorageTest extends NameStorageContract {

    @Override
    protected NameStorage open() {
        return new MemoryStorageProvider().open("");
    }

    @Override
    protected NameStorage reopen(NameStorage storage) {
        storage.close();
        return open();
    }

    @Override
    protected boolean persistent() {
        return false;
    }

    @Test
    void providerDescribesMemoryType() {
        assertEquals("memory", new MemoryStorageProvider().type());
        assertEquals("memory", store.description());
    }

    @Test
    void theProvidersStoreOutlivesEveryCloseOfWhatItOpened() {
        MemoryStorageProvider provider = new MemoryStorageProvider();
        NameStorage first = provider.open("");
        first.put(new Registration("kept", "PYRO:k@h:1", Set.of("tag")), false);
        first.close();
        assertThrows(StorageException.class, first::count, "the closed access itself is closed");
        NameStorage second = provider.open("");
        assertEquals(new Registration("kept", "PYRO:k@h:1", Set.of("tag")), second.get("kept"));
        assertEquals(List.of("kept"), second.withAnyMetadata(Set.of("tag")).stream().map(Registration::name).toList());
        NameStorage concurrent = provider.open("");
        concurrent.put(new Registration("both", "PYRO:b@h:1", null), false);
        assertEquals(2, second.count());
        provider.deactivate();
        assertThrows(StorageException.class, second::count, "gone with the provider");
    }

    @Test
    void aLocationIsRefusedWithTheReason() {
        StorageException e = assertThrows(StorageException.class, () -> new MemoryStorageProvider().open("x"));
        assertEquals("memory storage takes no location: use 'memory', not 'memory:x'", e.getMessage());
    }

    @Test
    void registrationsWithEqualMetadataShareOneSet() {
        store.put(new Registration("a", "PYRO:a@h:1", Set.of("x", "y")), false);
        store.put(new Registration("b", "PYRO:b@h:1", Set.of("y", "x")), false);
        assertSame(store.get("a").metadata(), store.get("b").metadata());
    }

    @Test
    void volatileStoreForgetsOnReopen() {
        store.put(new Registration("a", "PYRO:a@h:1", null), false);
        store = reopen(store);
        assertNull(store.get("a"));
    }

    @Test
    void successorSkipsTrailingMaxChars() {
        assertEquals("b", MemoryNameStorage.successor("a"));
        assertEquals("b", MemoryNameStorage.successor("a\uffff\uffff"));
        assertEquals("ac", MemoryNameStorage.successor("ab"));
        assertNull(MemoryNameStorage.successor("\uffff\uffff"));
    }

    @Test
    void metadataQueriesAnswerWithTheCurrentUri() {
        store.put(new Registration("a", "PYRO:old@h:1", Set.of("x", "y")), false);
        store.put(new Registration("a", "PYRO:new@h:2", Set.of("y", "x")), false);
        assertEquals(List.of("PYRO:new@h:2"), uris(store.withAllMetadata(Set.of("x", "y"))));
        assertEquals(List.of("PYRO:new@h:2"), uris(store.withAnyMetadata(Set.of("x", "y", "z"))));
        store.put(new Registration("a", "PYRO:newer@h:3", Set.of("y")), false);
        assertEquals(List.of(), store.withAllMetadata(Set.of("x")));
        assertEquals(List.of("PYRO:newer@h:3"), uris(store.withAnyMetadata(Set.of("x", "y"))));
        store.remove("a");
        assertEquals(List.of(), store.withAnyMetadata(Set.of("x", "y")));
    }

    @Test
    void metadataQueriesEqualAFilterOfAllRegistrations() {
        Random random = new Random(42);
        List<String> tags = List.of("t0", "t1", "t2", "t3", "t4", "t5");
        for (int i = 0; i < 3000; i++) {
            String name = "n." + random.nextInt(1000);
            if (random.nextInt(5) == 0) {
                store.remove(name);
            } else {
                store.put(new Registration(name, "PYRO:" + i + "@h:1", randomTags(random, tags)), false);
            }
        }
        for (int q = 0; q < 200; q++) {
            Set<String> asked = randomTags(random, List.of("t0", "t1", "t2", "t3", "t4", "t5", "none"));
            if (asked.isEmpty()) {
                continue;
            }
            assertEquals(store.all().stream().filter(r -> r.metadata().containsAll(asked)).collect(Collectors.toList()),
                    store.withAllMetadata(asked), "all of " + asked);
            assertEquals(store.all().stream().filter(r -> r.metadata().stream().anyMatch(asked::contains))
                    .collect(Collectors.toList()), store.withAnyMetadata(asked), "any of " + asked);
        }
    }

    @Test
    void readersRacingWritersOnlySeeRegistrationsCarryingTheTag() throws InterruptedException {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
                String name = "w." + i % 50;
                switch (i % 3) {
                    case 0 -> store.put(new Registration(name, "PYRO:" + i + "@h:1", Set.of("red")), false);
                    case 1 -> store.put(new Registration(name, "PYRO:" + i + "@h:1", Set.of("red", "blue")), false);
                    default -> store.remove(name);
                }
            }
        });
        writer.start();
        for (int i = 0; i < 2_000 && System.nanoTime() < deadline; i++) {
            for (Registration r : store.withAnyMetadata(Set.of("blue", "green"))) {
                if (!r.metadata().contains("blue")) {
                    problems.add("any(blue) answered " + r);
                }
            }
            List<Registration> both = store.withAllMetadata(Set.of("red", "blue"));
            for (int k = 0; k < both.size(); k++) {
                if (!both.get(k).metadata().containsAll(Set.of("red", "blue"))) {
                    problems.add("all(red, blue) answered " + both.get(k));
                }
                if (k > 0 && both.get(k - 1).name().compareTo(both.get(k).name()) >= 0) {
                    problems.add("not sorted: " + both);
                }
            }
        }
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(problems.isEmpty(), () -> problems.stream().limit(5).collect(Collectors.joining("; ")));
        for (int i = 0; i < 50; i++) {
            store.remove("w." + i);
        }
        assertEquals(List.of(), store.withAnyMetadata(Set.of("red", "blue")));
    }

    private static Set<String> randomTags(Random random, List<String> from) {
        Set<String> chosen = new java.util.HashSet<>();
        for (String tag : from) {
            if (random.nextInt(3) == 0) {
                chosen.add(tag);
            }
        }
        return chosen;
    }

    private static List<String> uris(List<Registration> registrations) {
        List<String> uris = new ArrayList<>();
        registrations.forEach(r -> uris.add(r.uri()));
        return uris;
    }
}
