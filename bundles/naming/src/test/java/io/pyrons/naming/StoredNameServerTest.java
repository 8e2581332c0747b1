package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.Registration;
import io.pyrons.storage.memory.MemoryNameStorage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoredNameServerTest {
    private static final String NS_URI = "PYRO:Pyro.NameServer@127.0.0.1:9090";

    private MemoryNameStorage storage;
    private StoredNameServer ns;

    @BeforeEach
    void setUp() {
        storage = new MemoryNameStorage();
        ns = new StoredNameServer(storage);
        ns.register(NameServer.OBJECT_ID, NS_URI, false, Set.of("class:Pyro4.naming.NameServer"));
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    @Test
    void registerAndLookup() {
        ns.register("a", "PYRO:obj@host:1234", false, null);
        assertEquals(PyroURI.parse("PYRO:obj@host:1234"), ns.lookup("a"));
        assertEquals(new Registration("a", "PYRO:obj@host:1234", Set.of()), ns.lookupRegistration("a"));
        assertEquals(2, ns.count());
    }

    @Test
    void uriIsStoredAsGiven() {
        ns.register("a", "pyro:obj@host:1234", false, null);
        assertEquals("pyro:obj@host:1234", ns.lookupRegistration("a").uri());
        assertEquals("PYRO:obj@host:1234", ns.lookup("a").asString());
    }

    @Test
    void aStoredTextThatDoesNotParseIsListedAndItsLookupFailsAsInPyro4() {
        storage.put(new Registration("foreign", "not a uri", Set.of("x")), false); // as another tool's file holds it
        assertEquals("invalid uri", assertThrows(PyroError.class, () -> ns.lookup("foreign")).getMessage());
        assertEquals("not a uri", ns.lookupRegistration("foreign").uri());
        assertEquals(List.of("Pyro.NameServer", "foreign"), names(ns.list(null, null, null, null)));
        assertEquals("not a uri", ns.yplookup(List.of("x"), null).get(0).uri());
        ns.setMetadata("foreign", List.of("y"));
        assertEquals(new Registration("foreign", "not a uri", Set.of("y")), ns.lookupRegistration("foreign"));
        assertEquals(1, ns.remove("foreign", null, null));
    }

    @Test
    void unknownNameIsANamingError() {
        NamingError e = assertThrows(NamingError.class, () -> ns.lookup("nope"));
        assertEquals("unknown name: nope", e.getMessage());
        assertEquals("unknown name: nope", assertThrows(NamingError.class, () -> ns.setMetadata("nope", List.of("x"))).getMessage());
    }

    @Test
    void registerValidatesUriThenName() {
        assertEquals("invalid uri", assertThrows(PyroError.class, () -> ns.register(null, "bad", false, null)).getMessage());
        assertEquals("only URIs or strings can be registered",
                assertThrows(PythonException.class, () -> ns.register("a", null, false, null)).getMessage());
        PythonException e = assertThrows(PythonException.class, () -> ns.register(null, "PYRO:o@h:1", false, null));
        assertEquals("builtins.TypeError", e.pythonType());
        assertEquals("name must be a str", e.getMessage());
        assertEquals(1, ns.count());
    }

    @Test
    void safeRegistrationRefusesDuplicates() {
        ns.register("a", "PYRO:o@h:1", true, List.of("m"));
        NamingError e = assertThrows(NamingError.class, () -> ns.register("a", "PYRO:o@h:2", true, null));
        assertEquals("name already registered: a", e.getMessage());
        assertEquals(new Registration("a", "PYRO:o@h:1", Set.of("m")), ns.lookupRegistration("a"));
        ns.register("a", "PYRO:o@h:3", false, null);
        assertEquals("PYRO:o@h:3", ns.lookupRegistration("a").uri());
    }

    @Test
    void setMetadataKeepsUriAndReplacesMetadata() {
        ns.register("a", "PYRO:o@h:1", false, List.of("x", "y"));
        ns.setMetadata("a", List.of("z"));
        assertEquals(new Registration("a", "PYRO:o@h:1", Set.of("z")), ns.lookupRegistration("a"));
        ns.setMetadata("a", null);
        assertEquals(Set.of(), ns.lookupRegistration("a").metadata());
        assertEquals(List.of(), names(ns.list(null, null, List.of("z"), null)));
    }

    @Test
    void removeByNameThenPrefixThenRegex() {
        for (String name : new String[]{"app.a", "app.b", "app2.c", "other"}) {
            ns.register(name, "PYRO:o@h:1", false, null);
        }
        assertEquals(0, ns.remove(null, null, null));
        assertEquals(0, ns.remove("", "", ""));
        assertEquals(1, ns.remove("app.a", "app", null));
        assertEquals(2, ns.remove("missing", "app", "other"));
        assertEquals(0, ns.remove(null, "zzz", "other")); // a prefix was given: the regex is not tried
        assertEquals(1, ns.remove(null, "", "oth"));
        assertEquals(Set.of(NameServer.OBJECT_ID), Set.copyOf(names(ns.list(null, null, null, null))));
    }

    @Test
    void nameServerEntryIsNeverRemoved() {
        assertEquals(0, ns.remove(NameServer.OBJECT_ID, null, null));
        assertEquals(0, ns.remove(null, "Pyro", null));
        assertEquals(0, ns.remove(null, null, ".*"));
        assertEquals(0, ns.remove(null, "", ""));
        assertEquals(NS_URI, ns.lookup(NameServer.OBJECT_ID).asString());
    }

    @Test
    void listFiltersOneThingAtATime() {
        ns.register("a.x", "PYRO:o@h:1", false, List.of("red", "big"));
        ns.register("a.y", "PYRO:o@h:2", false, List.of("red"));
        ns.register("b", "PYRO:o@h:3", false, List.of("big"));
        assertEquals(List.of("Pyro.NameServer", "a.x", "a.y", "b"), names(ns.list(null, null, null, null)));
        assertEquals(List.of("a.x", "a.y"), names(ns.list("a.", null, null, null)));
        assertEquals(List.of("a.y", "b"), names(ns.list(null, "(a.y|b)$", null, null)));
        assertEquals(List.of("a.x"), names(ns.list(null, null, List.of("red", "big"), null)));
        assertEquals(List.of("a.x", "b"), names(ns.list(null, null, null, Set.of("big", "nope"))));
        assertEquals(4, ns.list("", null, null, null).size());
        assertEquals(4, ns.list(null, null, List.of(), null).size());
        PythonException e = assertThrows(PythonException.class, () -> ns.list("a", "b", null, null));
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals("you can only filter on one thing at a time", e.getMessage());
        assertThrows(PythonException.class, () -> ns.list("", null, List.of(), null));
        assertEquals("invalid regex: Unclosed character class",
                assertThrows(NamingError.class, () -> ns.list(null, "[", null, null)).getMessage());
    }

    @Test
    void aCatastrophicRegexEndsTheCallWithANamingErrorAndChangesNothing() {
        String evil = "a".repeat(45);
        ns.register(evil, "PYRO:o@h:1", false, List.of());
        ns.register(evil + "!", "PYRO:o@h:2", false, List.of());
        long start = System.nanoTime();
        NamingError listed = assertThrows(NamingError.class, () -> ns.list(null, "((a+)+)+$", null, null));
        NamingError removed = assertThrows(NamingError.class, () -> ns.remove(null, null, "((a+)+)+$"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "both calls came back");
        assertTrue(listed.getMessage().startsWith("regex too costly"), listed.getMessage());
        assertTrue(removed.getMessage().startsWith("regex too costly"), removed.getMessage());
        assertEquals(3, ns.count(), "a remove that gave up removed nothing");
    }

    @Test
    void yplookupCombinesAllAndAny() {
        ns.register("a", "PYRO:o@h:1", false, List.of("red", "big"));
        ns.register("b", "PYRO:o@h:2", false, List.of("red", "round"));
        ns.register("c", "PYRO:o@h:3", false, List.of("big"));
        assertEquals(Set.of("a", "b"), Set.copyOf(names(ns.yplookup(List.of("red"), null))));
        assertEquals(Set.of("a", "c"), Set.copyOf(names(ns.yplookup(null, List.of("big")))));
        assertEquals(Set.of("b"), Set.copyOf(names(ns.yplookup(List.of("red"), List.of("round", "square")))));
        assertEquals(Set.of(), Set.copyOf(names(ns.yplookup(null, null))));
    }

    @Test
    void nullMetadataItemsAreRefused() {
        List<String> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThrows(PythonException.class, () -> ns.register("a", "PYRO:o@h:1", false, withNull));
        assertEquals(1, ns.count());
    }

    @Test
    void pingAnswers() {
        ns.ping();
        assertEquals(1, ns.count());
    }

    private static List<String> names(List<Registration> registrations) {
        return registrations.stream().map(Registration::name).toList();
    }
}
