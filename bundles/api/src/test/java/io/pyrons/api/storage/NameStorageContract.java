package io.pyrons.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.pyrons.api.Registration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NameStorage} must have. A backend's test extends this class and supplies
 * {@link #open()} (a new, empty store; persistent backends use a fresh file, e.g. in a {@code @TempDir})
 * and {@link #reopen(NameStorage)}. Volatile backends override {@link #persistent()} to return
 * {@code false}, which skips the durability checks.
 *
 * <p>"Name order" is {@link String#compareTo} (UTF-16 code units), which is not the byte order of UTF-8:
 * a backend that sorts in its database must still return this order (see {@link #resultsAreInJavaStringOrder}).
 */
public abstract class NameStorageContract {
    /** The store under test; closed after each test. */
    protected NameStorage store;

    /** A new, empty store. */
    protected abstract NameStorage open();

    /**
     * Closes {@code storage} and opens the same location again. Volatile stores return a new empty store.
     */
    protected abstract NameStorage reopen(NameStorage storage);

    /** Whether registrations survive {@link #reopen}; {@code false} skips the durability checks. */
    protected boolean persistent() {
        return true;
    }

    /** Registrations each thread of the concurrency tests makes; slow durable stores may lower it. */
    protected int concurrencyOperationsPerThread() {
        return 300;
    }

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static Registration reg(String name, String... metadata) {
        return new Registration(name, "PYRO:obj_" + Math.abs(name.hashCode()) + "@localhost:9999", Set.of(metadata));
    }

    private static List<String> names(Collection<Registration> registrations) {
        return registrations.stream().map(Registration::name).collect(Collectors.toList());
    }

    private void putAll(Registration... registrations) {
        for (Registration registration : registrations) {
            assertNull(store.put(registration, false), registration.name());
        }
    }

    private static List<String> sorted(String... names) {
        return new ArrayList<>(new TreeSet<>(List.of(names)));
    }

    // ---- basics -------------------------------------------------------------------------------------

    @Test
    void describesItself() {
        assertNotNull(store.description());
        assertFalse(store.description().isBlank());
    }

    @Test
    void newStoreIsEmpty() {
        assertEquals(0, store.count());
        assertNull(store.get("anything"));
        assertEquals(List.of(), store.all());
        assertEquals(List.of(), store.withPrefix(""));
        assertEquals(List.of(), store.withPrefix("a"));
        assertEquals(List.of(), store.matching(n -> true));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("x")));
        assertEquals(List.of(), store.withAllMetadata(Set.of("x")));
    }

    @Test
    void putThenGetReturnsEqualRegistration() {
        Registration r = new Registration("my.object", "PYRO:obj_1@localhost:1234", Set.of("class:a", "tag b"));
        assertNull(store.put(r, false));
        assertEquals(r, store.get("my.object"));
        assertEquals(1, store.count());
        assertNull(store.get("my.objec"));
        assertNull(store.get("My.object"));
    }

    @Test
    void putWithoutMetadataStoresEmptyMetadata() {
        store.put(new Registration("n", "PYRO:o@h:1", null), false);
        assertEquals(Set.of(), store.get("n").metadata());
    }

    @Test
    void putReplacesAndReturnsPrevious() {
        Registration first = new Registration("n", "PYRO:a@h:1", Set.of("m1"));
        Registration second = new Registration("n", "PYRO:b@h:2", Set.of("m2"));
        assertNull(store.put(first, false));
        assertEquals(first, store.put(second, false));
        assertEquals(second, store.get("n"));
        assertEquals(1, store.count());
    }

    @Test
    void putOnlyIfAbsentKeepsExisting() {
        Registration first = new Registration("n", "PYRO:a@h:1", Set.of("m1"));
        Registration second = new Registration("n", "PYRO:b@h:2", Set.of("m2"));
        assertNull(store.put(first, true));
        assertEquals(first, store.get("n"));
        assertEquals(first, store.put(second, true));
        assertEquals(first, store.get("n"));
        assertEquals(1, store.count());
        assertEquals(List.of("n"), names(store.withAnyMetadata(Set.of("m1"))));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("m2")));
    }

    @Test
    void unusualNamesAreStoredExactly() {
        String[] odd = {"", " ", "a b", "tab\there", "new\nline", "quote'\"", "back\\slash", "ünïcødé", "\u0000nul",
                "\uD83D\uDE00 emoji", "\uffff", "x".repeat(2000), "a_b", "a%b", "a.*b", "[x]", "(?P<n>)"};
        for (String name : odd) {
            store.put(reg(name, "m"), false);
        }
        assertEquals(odd.length, store.count());
        for (String name : odd) {
            assertEquals(reg(name, "m"), store.get(name), name);
        }
        assertEquals(sorted(odd), names(store.all()));
    }

    @Test
    void metadataIsCaseSensitiveAndExact() {
        putAll(reg("a", "Tag"), reg("b", "tag"), reg("c", "tag "), reg("d", "t%g"), reg("e", "t_g"));
        assertEquals(List.of("b"), names(store.withAllMetadata(Set.of("tag"))));
        assertEquals(List.of("a"), names(store.withAnyMetadata(Set.of("Tag"))));
        assertEquals(List.of("d"), names(store.withAnyMetadata(Set.of("t%g"))));
        assertEquals(List.of("e"), names(store.withAllMetadata(Set.of("t_g"))));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("t")));
    }

    // ---- remove ------------------------------------------------------------------------------------

    @Test
    void removeReportsWhetherNameWasThere() {
        putAll(reg("a", "m"), reg("b", "m"));
        assertTrue(store.remove("a"));
        assertFalse(store.remove("a"));
        assertFalse(store.remove("zzz"));
        assertNull(store.get("a"));
        assertEquals(1, store.count());
        assertEquals(List.of("b"), names(store.all()));
        assertEquals(List.of("b"), names(store.withAnyMetadata(Set.of("m"))));
        assertEquals(List.of("b"), names(store.withAllMetadata(Set.of("m"))));
    }

    @Test
    void removeAllCountsOnlyNamesThatWereThere() {
        putAll(reg("a"), reg("b", "x"), reg("c"), reg("d"));
        assertEquals(2, store.removeAll(List.of("a", "b", "nope")));
        assertEquals(List.of("c", "d"), names(store.all()));
        assertEquals(2, store.count());
        assertEquals(1, store.removeAll(List.of("c", "c")));
        assertEquals(0, store.removeAll(List.of()));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("x")));
    }

    @Test
    void removedNameCanBeRegisteredAgain() {
        putAll(reg("a", "old"));
        assertTrue(store.remove("a"));
        assertNull(store.put(reg("a", "new"), true));
        assertEquals(reg("a", "new"), store.get("a"));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("old")));
    }

    // ---- count -------------------------------------------------------------------------------------

    @Test
    void countFollowsPutsAndRemoves() {
        for (int i = 0; i < 100; i++) {
            store.put(reg("n" + i), false);
        }
        store.put(reg("n5", "again"), false);
        store.put(reg("n6"), true);
        assertEquals(100, store.count());
        store.removeAll(List.of("n1", "n2", "n3"));
        store.remove("n4");
        assertEquals(96, store.count());
        assertEquals(96, store.all().size());
    }

    // ---- prefix ------------------------------------------------------------------------------------

    private void putPrefixFixture() {
        for (String name : new String[]{"a", "ab", "abc", "b", "a_b", "axb", "a%b", "a%%", "a.b", "aXb", "a.*",
                "A", "Ab", "[a]", "a\\b", "a\\", "a'b", "a*", "a?", "a(", "\uffff", "\uffffx", "\uffff\uffff",
                "x\uffff", "x\uffffy", "y", "\uD83D\uDE00a", "\uD83D\uDE00b", ""}) {
            store.put(reg(name), false);
        }
    }

    @Test
    void prefixIsLiteralAndCaseSensitive() {
        putPrefixFixture();
        assertEquals(List.of("a_b"), names(store.withPrefix("a_")));
        assertEquals(List.of("a%%", "a%b"), names(store.withPrefix("a%")));
        assertEquals(List.of("a%%"), names(store.withPrefix("a%%")));
        assertEquals(List.of("a.*", "a.b"), names(store.withPrefix("a.")));
        assertEquals(List.of("a.*"), names(store.withPrefix("a.*")));
        assertEquals(List.of("a*"), names(store.withPrefix("a*")));
        assertEquals(List.of("a?"), names(store.withPrefix("a?")));
        assertEquals(List.of("a("), names(store.withPrefix("a(")));
        assertEquals(List.of("[a]"), names(store.withPrefix("[")));
        assertEquals(List.of("a\\", "a\\b"), names(store.withPrefix("a\\")));
        assertEquals(List.of("a'b"), names(store.withPrefix("a'")));
        assertEquals(List.of("A", "Ab"), names(store.withPrefix("A")));
        assertEquals(List.of("ab", "abc"), names(store.withPrefix("ab")));
        assertEquals(List.of("abc"), names(store.withPrefix("abc")));
        assertEquals(List.of(), names(store.withPrefix("abcd")));
        assertEquals(List.of(), names(store.withPrefix("z")));
    }

    @Test
    void prefixIncludesTheNameItselfAndAllLongerNames() {
        putPrefixFixture();
        assertEquals(sorted("a", "ab", "abc", "a_b", "axb", "a%b", "a%%", "a.b", "aXb", "a.*", "a\\b", "a\\", "a'b",
                "a*", "a?", "a("), names(store.withPrefix("a")));
    }

    @Test
    void emptyPrefixListsEverything() {
        putPrefixFixture();
        assertEquals(names(store.all()), names(store.withPrefix("")));
        assertEquals(store.count(), store.withPrefix("").size());
    }

    @Test
    void prefixAtTheEndOfTheKeySpace() {
        putPrefixFixture();
        assertEquals(List.of("\uffff", "\uffffx", "\uffff\uffff"), names(store.withPrefix("\uffff")));
        assertEquals(List.of("\uffff\uffff"), names(store.withPrefix("\uffff\uffff")));
        assertEquals(List.of(), names(store.withPrefix("\uffff\uffff\uffff")));
        assertEquals(List.of("x\uffff", "x\uffffy"), names(store.withPrefix("x\uffff")));
        assertEquals(List.of("\uD83D\uDE00a", "\uD83D\uDE00b"), names(store.withPrefix("\uD83D\uDE00")));
        assertEquals(List.of("\uD83D\uDE00a"), names(store.withPrefix("\uD83D\uDE00a")));
        // a lone high surrogate is a prefix of both surrogate pairs
        assertEquals(List.of("\uD83D\uDE00a", "\uD83D\uDE00b"), names(store.withPrefix("\uD83D")));
    }

    // ---- matching -----------------------------------------------------------------------------------

    @Test
    void matchingAppliesTheFilterToEveryName() {
        putPrefixFixture();
        Pattern pattern = Pattern.compile("a.b");
        List<String> expected = names(store.all()).stream().filter(n -> pattern.matcher(n).lookingAt()).toList();
        assertEquals(List.of("a%b", "a'b", "a.b", "aXb", "a\\b", "a_b", "axb"), expected);
        assertEquals(expected, names(store.matching(n -> pattern.matcher(n).lookingAt())));
        assertEquals(List.of(), store.matching(n -> false));
        assertEquals(names(store.all()), names(store.matching(n -> true)));
    }

    // ---- metadata ------------------------------------------------------------------------------------

    private void putMetadataFixture() {
        putAll(reg("n1", "red", "big"), reg("n2", "red"), reg("n3", "big", "round", "red"), reg("n4"),
                reg("n5", "round"), reg("n0", "big"));
    }

    @Test
    void allMetadataMeansEveryTagIsCarried() {
        putMetadataFixture();
        assertEquals(List.of("n1", "n2", "n3"), names(store.withAllMetadata(Set.of("red"))));
        assertEquals(List.of("n1", "n3"), names(store.withAllMetadata(Set.of("red", "big"))));
        assertEquals(List.of("n3"), names(store.withAllMetadata(Set.of("red", "big", "round"))));
        assertEquals(List.of(), store.withAllMetadata(Set.of("red", "missing")));
        assertEquals(List.of(), store.withAllMetadata(Set.of("missing")));
    }

    @Test
    void allOfNoMetadataIsEveryRegistration() {
        putMetadataFixture();
        assertEquals(names(store.all()), names(store.withAllMetadata(Set.of())));
    }

    @Test
    void anyMetadataMeansAtLeastOneTagIsCarried() {
        putMetadataFixture();
        assertEquals(List.of("n0", "n1", "n3", "n5"), names(store.withAnyMetadata(Set.of("big", "round"))));
        assertEquals(List.of("n3", "n5"), names(store.withAnyMetadata(Set.of("round", "missing"))));
        assertEquals(List.of(), store.withAnyMetadata(Set.of("missing")));
        assertEquals(List.of(), store.withAnyMetadata(Set.of()));
    }

    @Test
    void metadataQueriesFollowReplacement() {
        putMetadataFixture();
        store.put(reg("n1", "blue"), false);
        store.put(reg("n3", "red", "round"), false);
        assertEquals(List.of("n2", "n3"), names(store.withAllMetadata(Set.of("red"))));
        assertEquals(List.of("n0"), names(store.withAllMetadata(Set.of("big"))));
        assertEquals(List.of("n1"), names(store.withAnyMetadata(Set.of("blue"))));
        store.put(reg("n1"), false);
        assertEquals(List.of(), store.withAnyMetadata(Set.of("blue")));
    }

    @Test
    void sharedMetadataSetsStayIndependent() {
        for (int i = 0; i < 50; i++) {
            store.put(reg("same" + i, "a", "b"), false);
        }
        store.put(reg("same7", "a"), false);
        assertEquals(Set.of("a", "b"), store.get("same8").metadata());
        assertEquals(Set.of("a"), store.get("same7").metadata());
        assertEquals(49, store.withAllMetadata(Set.of("a", "b")).size());
        assertEquals(50, store.withAnyMetadata(Set.of("a")).size());
    }

    // ---- order ---------------------------------------------------------------------------------------

    @Test
    void resultsAreInJavaStringOrder() {
        String[] inserted = {"zeta", "Alpha", "alpha", "beta.2", "beta.10", "beta", "_x", "\uffff",
                "\uD83D\uDE00", "\u00e9", "10", "9"};
        for (String name : inserted) {
            store.put(reg(name, "t"), false);
        }
        List<String> expected = sorted(inserted);
        assertEquals(expected, names(store.all()));
        assertEquals(expected, names(store.withPrefix("")));
        assertEquals(expected, names(store.matching(n -> true)));
        assertEquals(expected, names(store.withAllMetadata(Set.of("t"))));
        assertEquals(expected, names(store.withAnyMetadata(Set.of("t", "u"))));
        assertEquals(List.of("beta", "beta.10", "beta.2"), names(store.withPrefix("beta")));
    }

    @Test
    void resultsAreSnapshots() {
        putAll(reg("a"), reg("b"));
        List<Registration> before = store.all();
        store.put(reg("c"), false);
        store.remove("a");
        assertEquals(List.of("a", "b"), names(before));
    }

    // ---- lifecycle -------------------------------------------------------------------------------------

    @Test
    void closedStoreRefusesCalls() {
        putAll(reg("a"));
        store.close();
        NameStorage closed = store;
        store = null;
        assertThrows(RuntimeException.class, () -> closed.get("a"));
        assertThrows(RuntimeException.class, () -> closed.put(reg("b"), false));
        assertThrows(RuntimeException.class, closed::all);
    }

    @Test
    void registrationsSurviveReopen() {
        assumeTrue(persistent(), "volatile store");
        putMetadataFixture();
        store.put(reg("n2", "green"), false);
        store.remove("n4");
        List<Registration> before = store.all();
        store = reopen(store);
        assertEquals(before, store.all());
        assertEquals(5, store.count());
        assertEquals(List.of("n1", "n3"), names(store.withAllMetadata(Set.of("red"))));
        assertEquals(List.of("n2"), names(store.withAnyMetadata(Set.of("green"))));
        assertEquals(List.of("n0", "n1", "n2", "n3", "n5"), names(store.withPrefix("n")));
        assertNull(store.put(reg("n4"), true));
        assertEquals(6, store.count());
    }

    @Test
    void reopenedEmptyStoreIsEmpty() {
        store = reopen(store);
        assertEquals(0, store.count());
        assertEquals(List.of(), store.all());
    }

    // ---- concurrency -------------------------------------------------------------------------------------

    private static final int THREADS = 4;

    @Test
    void concurrentClientsOnDisjointNames() throws Exception {
        int ops = concurrencyOperationsPerThread();
        runConcurrently(thread -> {
            for (int i = 0; i < ops; i++) {
                String name = "t" + thread + ".n" + i;
                assertNull(store.put(reg(name, "thread" + thread, "all"), true));
                if (i % 3 == 0) {
                    assertTrue(store.remove(name));
                }
            }
        });
        int keptPerThread = ops - (ops + 2) / 3;
        assertEquals(THREADS * keptPerThread, store.count());
        for (int t = 0; t < THREADS; t++) {
            assertEquals(keptPerThread, store.withPrefix("t" + t + ".").size());
            assertEquals(keptPerThread, store.withAllMetadata(Set.of("thread" + t, "all")).size());
        }
        assertConsistent();
    }

    @Test
    void concurrentClientsOnOverlappingNames() throws Exception {
        int ops = concurrencyOperationsPerThread();
        runConcurrently(thread -> {
            for (int i = 0; i < ops; i++) {
                String name = "shared" + (i % 20);
                switch (i % 4) {
                    case 0 -> store.put(reg(name, "by" + thread, "shared"), false);
                    case 1 -> store.put(reg(name, "first" + thread), true);
                    case 2 -> store.remove(name);
                    default -> {
                        store.withAnyMetadata(Set.of("shared", "by0"));
                        store.withPrefix("shared1");
                    }
                }
            }
        });
        assertConsistent();
    }

    /** count, all() and both metadata queries agree with each other. */
    private void assertConsistent() {
        List<Registration> all = store.all();
        assertEquals(all.size(), store.count());
        Set<String> tags = new TreeSet<>();
        all.forEach(r -> tags.addAll(r.metadata()));
        for (String tag : tags) {
            List<String> expected = all.stream().filter(r -> r.metadata().contains(tag)).map(Registration::name).toList();
            assertEquals(expected, names(store.withAllMetadata(Set.of(tag))), tag);
            assertEquals(expected, names(store.withAnyMetadata(Set.of(tag))), tag);
        }
        for (Registration r : all) {
            assertEquals(r, store.get(r.name()));
        }
    }

    private interface Client {
        void run(int thread) throws Exception;
    }

    private void runConcurrently(Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    client.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
