package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.storage.memory.MemoryNameStorage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pyro-facing name server. Every expected error text was produced by real Pyro4 4.82 on Python 3.11
 * ({@code src/test/python/pyro4_probe.py} against {@code pyro4-ns}); those are marked "Pyro4:".
 */
class NameServerDispatchTest {
    private static final String NS_URI = "PYRO:Pyro.NameServer@127.0.0.1:9090";
    private static final String U = "PYRO:o@h:1";

    private MemoryNameStorage storage;
    private NameServerDispatch dispatch;

    @BeforeEach
    void setUp() {
        storage = new MemoryNameStorage();
        StoredNameServer ns = new StoredNameServer(storage);
        ns.register(NameServer.OBJECT_ID, NS_URI, false, Set.of("class:Pyro4.naming.NameServer"));
        dispatch = new NameServerDispatch(ns, storage);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private Object call(String method, Object... args) {
        return dispatch.invoke(method, Arrays.asList(args), Map.of());
    }

    private Object callKw(String method, List<Object> args, Object... keysAndValues) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            kwargs.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return dispatch.invoke(method, args, kwargs);
    }

    private void assertError(String pythonType, String message, Runnable call) {
        PythonException e = assertThrows(PythonException.class, call::run);
        assertEquals(pythonType, e.pythonType());
        assertEquals(message, e.getMessage());
    }

    private void assertTypeError(String message, Runnable call) {
        assertError("builtins.TypeError", message, call);
    }

    // ---- members -------------------------------------------------------------------------------------

    @Test
    void exposesThePyro4MethodsAndYplookup() {
        assertEquals(Set.of("count", "lookup", "register", "set_metadata", "remove", "list", "ping", "yplookup"),
                dispatch.members().methods());
        assertEquals(Set.of(), dispatch.members().oneway());
        assertEquals(Set.of(), dispatch.members().attrs());
    }

    @Test
    void unknownMethodIsAnAttributeError() {
        assertError("builtins.AttributeError", "'NameServer' object has no attribute 'frobnicate'", () -> call("frobnicate"));
    }

    // ---- argument binding (Pyro4: texts) ---------------------------------------------------------------

    @Test
    void argumentErrorsAreCPythonTexts() {
        assertTypeError("NameServer.count() takes 1 positional argument but 2 were given", () -> call("count", 1L));
        assertTypeError("NameServer.count() got an unexpected keyword argument 'x'", () -> callKw("count", List.of(), "x", 1L));
        assertTypeError("NameServer.ping() takes 1 positional argument but 3 were given", () -> call("ping", 1L, 2L));
        assertTypeError("NameServer.lookup() missing 1 required positional argument: 'name'", () -> call("lookup"));
        assertTypeError("NameServer.lookup() takes from 2 to 3 positional arguments but 4 were given",
                () -> call("lookup", "a", 1L, 2L));
        assertTypeError("NameServer.lookup() got an unexpected keyword argument 'x'", () -> callKw("lookup", List.of("a"), "x", 1L));
        assertTypeError("NameServer.lookup() got multiple values for argument 'name'",
                () -> callKw("lookup", List.of("a"), "name", "b"));
        assertTypeError("NameServer.lookup() got multiple values for argument 'name'",
                () -> callKw("lookup", List.of("a", 1L, 2L), "name", "b"));
        assertTypeError("NameServer.lookup() got an unexpected keyword argument 'x'",
                () -> callKw("lookup", List.of("a", 1L, 2L), "x", 1L));
        assertTypeError("NameServer.lookup() missing 1 required positional argument: 'name'",
                () -> callKw("lookup", List.of(), "return_metadata", true));
        assertTypeError("NameServer.register() missing 2 required positional arguments: 'name' and 'uri'", () -> call("register"));
        assertTypeError("NameServer.register() missing 1 required positional argument: 'uri'", () -> call("register", "a"));
        assertTypeError("NameServer.register() missing 2 required positional arguments: 'name' and 'uri'",
                () -> callKw("register", List.of(), "safe", true));
        assertTypeError("NameServer.register() takes from 3 to 5 positional arguments but 6 were given",
                () -> call("register", "a", "b", 1L, 2L, 3L));
        assertTypeError("NameServer.set_metadata() missing 2 required positional arguments: 'name' and 'metadata'",
                () -> call("set_metadata"));
        assertTypeError("NameServer.set_metadata() takes 3 positional arguments but 4 were given",
                () -> call("set_metadata", "a", 1L, 2L));
        assertTypeError("NameServer.remove() takes from 1 to 4 positional arguments but 5 were given",
                () -> call("remove", 1L, 2L, 3L, 4L));
        assertTypeError("NameServer.list() takes from 1 to 6 positional arguments but 7 were given",
                () -> call("list", 1L, 2L, 3L, 4L, 5L, 6L));
        assertTypeError("NameServer.yplookup() takes from 1 to 4 positional arguments but 5 were given",
                () -> call("yplookup", 1L, 2L, 3L, 4L));
    }

    @Test
    void keywordsBindByName() {
        callKw("register", List.of(), "metadata", List.of("m"), "uri", U, "name", "a", "safe", true);
        Object[] found = (Object[]) callKw("lookup", List.of(), "return_metadata", true, "name", "a");
        assertEquals(PyroURI.parse(U), found[0]);
        assertEquals(List.of("m"), found[1]);
    }

    // ---- count, ping, lookup ---------------------------------------------------------------------------

    @Test
    void countAndPing() {
        assertEquals(1L, call("count"));
        assertNull(call("ping"));
    }

    @Test
    void lookupReturnsUriOrUriAndMetadata() {
        assertEquals(PyroURI.parse(NS_URI), call("lookup", "Pyro.NameServer"));
        Object[] withMetadata = (Object[]) call("lookup", "Pyro.NameServer", true);
        assertArrayEquals(new Object[]{PyroURI.parse(NS_URI), List.of("class:Pyro4.naming.NameServer")}, withMetadata);
        assertInstanceOf(PyroURI.class, callKw("lookup", List.of("Pyro.NameServer"), "return_metadata", 0L));
        assertInstanceOf(Object[].class, callKw("lookup", List.of("Pyro.NameServer"), "return_metadata", 1L));
    }

    @Test
    void lookupErrorsArePyro4s() {
        assertError("Pyro4.errors.NamingError", "unknown name: nope", () -> call("lookup", "nope"));
        assertTypeError("can only concatenate str (not \"int\") to str", () -> call("lookup", 5L));
        assertTypeError("can only concatenate str (not \"NoneType\") to str", () -> call("lookup", (Object) null));
        assertTypeError("unhashable type: 'list'", () -> call("lookup", List.of(1L)));
    }

    // ---- register, set_metadata ------------------------------------------------------------------------

    @Test
    void registerChecksInPyro4sOrder() {
        assertTypeError("only URIs or strings can be registered", () -> call("register", "a", 5L));
        assertError("Pyro4.errors.PyroError", "invalid uri", () -> call("register", "a", "bad"));
        assertError("Pyro4.errors.PyroError", "invalid uri", () -> call("register", "a", "PYRO:x"));
        assertError("Pyro4.errors.PyroError", "invalid uri", () -> call("register", 5L, "bad"));
        assertTypeError("name must be a str", () -> call("register", 5L, U));
        assertTypeError("metadata should not be a str, but another iterable (set, list, etc)",
                () -> callKw("register", List.of("a", U), "metadata", "s"));
        assertTypeError("'int' object is not iterable", () -> callKw("register", List.of("a", U), "metadata", 5L));
        assertTypeError("'bool' object is not iterable", () -> callKw("register", List.of("a", U), "metadata", true));
        assertEquals(1L, call("count"));
    }

    @Test
    void registerAcceptsUriObjectsAndMetadataIterables() {
        assertNull(call("register", "n", "PYRONAME:x"));
        assertNull(call("register", "b", PyroURI.parse("PYRO:b@h:2")));
        assertEquals("PYRO:b@h:2", ((Map<?, ?>) call("list")).get("b"));
        assertNull(callKw("register", List.of("a", U), "metadata", 0L));
        assertEquals(List.of(), ((Object[]) call("lookup", "a", true))[1]);
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("k", 1L);
        callKw("register", List.of("a", U), "metadata", dict);
        assertEquals(List.of("k"), ((Object[]) call("lookup", "a", true))[1]);
        callKw("register", List.of("a", U), "metadata", new Object[]{"t2", "t1", "t1"});
        assertEquals(List.of("t1", "t2"), ((Object[]) call("lookup", "a", true))[1]);
        callKw("register", List.of("a", U), "metadata", Set.of("s"));
        assertEquals(List.of("s"), ((Object[]) call("lookup", "a", true))[1]);
        callKw("register", List.of("a", U), "metadata", List.of());
        assertEquals(List.of(), ((Object[]) call("lookup", "a", true))[1]);
    }

    @Test
    void metadataItemsMustBeStrings() {
        assertTypeError("metadata items must be str, not int", () -> callKw("register", List.of("a", U), "metadata", List.of(1L)));
        assertTypeError("unhashable type: 'list'", () -> callKw("register", List.of("a", U), "metadata", List.of(List.of())));
        List<Object> withNone = new ArrayList<>();
        withNone.add(null);
        assertTypeError("metadata items must be str, not NoneType", () -> callKw("register", List.of("a", U), "metadata", withNone));
        assertEquals(1L, call("count"));
    }

    @Test
    void safeRegisterTruthiness() {
        call("register", "a", U);
        assertError("Pyro4.errors.NamingError", "name already registered: a", () -> call("register", "a", U, true));
        assertNull(call("register", "a", U, 0L));
        assertError("Pyro4.errors.NamingError", "name already registered: a",
                () -> callKw("register", List.of("a", U), "safe", "x"));
    }

    @Test
    void setMetadata() {
        call("register", "a", U, false, List.of("x"));
        assertError("Pyro4.errors.NamingError", "unknown name: zz", () -> call("set_metadata", "zz", List.of("x")));
        assertTypeError("name must be a str", () -> call("set_metadata", 5L, List.of("x")));
        assertTypeError("metadata should not be a str, but another iterable (set, list, etc)", () -> call("set_metadata", "a", "x"));
        assertTypeError("'int' object is not iterable", () -> call("set_metadata", "a", 7L));
        assertEquals(List.of("x"), ((Object[]) call("lookup", "a", true))[1]);
        assertNull(call("set_metadata", "a", null));
        assertEquals(List.of(), ((Object[]) call("lookup", "a", true))[1]);
        assertNull(call("set_metadata", "a", List.of("m2", "m1")));
        assertArrayEquals(new Object[]{PyroURI.parse(U), List.of("m1", "m2")}, (Object[]) call("lookup", "a", true));
    }

    // ---- list ------------------------------------------------------------------------------------------

    private void registerSample() {
        call("register", "a", U, false, List.of("m1", "m2"));
        call("register", "b", "PYRO:b@h:2");
    }

    @Test
    void listReturnsNamesToUriStringsInNameOrder() {
        registerSample();
        Map<?, ?> all = (Map<?, ?>) call("list");
        assertEquals(List.of("Pyro.NameServer", "a", "b"), List.copyOf(all.keySet()));
        assertEquals(NS_URI, all.get("Pyro.NameServer"));
        assertEquals(U, all.get("a"));
        assertEquals(all, call("list", ""));
        assertEquals(all, callKw("list", List.of(), "regex", ""));
        assertEquals(all, callKw("list", List.of(), "metadata_all", ""));
        assertEquals(all, callKw("list", List.of(), "metadata_any", List.of()));
    }

    @Test
    void listWithMetadataReturnsTuples() {
        registerSample();
        Map<?, ?> all = (Map<?, ?>) callKw("list", List.of(), "return_metadata", true);
        assertArrayEquals(new Object[]{U, List.of("m1", "m2")}, (Object[]) all.get("a"));
        assertArrayEquals(new Object[]{"PYRO:b@h:2", List.of()}, (Object[]) all.get("b"));
        Map<?, ?> prefixed = (Map<?, ?>) callKw("list", List.of(), "prefix", "a", "return_metadata", true);
        assertEquals(Set.of("a"), prefixed.keySet());
    }

    @Test
    void listFilters() {
        registerSample();
        assertEquals(Set.of("a"), ((Map<?, ?>) callKw("list", List.of(), "regex", "(?P<x>a)(?P=x)?")).keySet());
        assertEquals(Set.of("b"), ((Map<?, ?>) callKw("list", List.of(), "regex", "b$")).keySet());
        assertEquals(Set.of("a"), ((Map<?, ?>) callKw("list", List.of(), "metadata_all", List.of("m1", "m2"))).keySet());
        assertEquals(Set.of(), ((Map<?, ?>) callKw("list", List.of(), "metadata_all", List.of("m1", "zz"))).keySet());
        assertEquals(Set.of("a"), ((Map<?, ?>) callKw("list", List.of(), "metadata_any", List.of("zz", "m2"))).keySet());
    }

    @Test
    void listErrorsArePyro4s() {
        registerSample();
        assertError("builtins.ValueError", "you can only filter on one thing at a time", () -> call("list", "a", "b"));
        assertError("builtins.ValueError", "you can only filter on one thing at a time", () -> call("list", "", null, List.of()));
        assertError("Pyro4.errors.NamingError", "invalid regex: Unclosed character class",
                () -> callKw("list", List.of(), "regex", "["));
        assertTypeError("metadata_all should not be a str, but another iterable (set, list, etc)",
                () -> callKw("list", List.of(), "metadata_all", "abc"));
        assertTypeError("metadata_any should not be a str, but another iterable (set, list, etc)",
                () -> callKw("list", List.of(), "metadata_any", "abc"));
        assertTypeError("'int' object is not iterable", () -> callKw("list", List.of(), "metadata_all", 5L));
        assertTypeError("'int' object is not iterable", () -> callKw("list", List.of(), "metadata_any", 5L));
        assertTypeError("startswith first arg must be str or a tuple of str, not int", () -> callKw("list", List.of(), "prefix", 5L));
        assertTypeError("first argument must be string or compiled pattern", () -> callKw("list", List.of(), "regex", 5L));
    }

    // ---- remove ----------------------------------------------------------------------------------------

    @Test
    void removeFollowsPyro4sTruthinessRules() {
        registerSample();
        call("register", "c", U);
        assertEquals(0L, call("remove"));
        assertEquals(0L, call("remove", "Pyro.NameServer"));
        assertEquals(0L, callKw("remove", List.of(), "prefix", "Pyro"));
        assertEquals(0L, callKw("remove", List.of(), "regex", "Py"));
        assertEquals(0L, call("remove", "zzz"));
        assertEquals(1L, call("remove", "zzz", "a"));
        assertEquals(1L, call("remove", "", "", "b"));
        assertEquals(0L, call("remove", 5L));
        assertEquals(1L, call("remove", "c", 5L)); // the name is found first; the bad prefix is never looked at
        assertEquals(1L, call("count"));
        assertEquals(NS_URI, ((Map<?, ?>) call("list")).get("Pyro.NameServer"));
    }

    @Test
    void removeErrorsArePyro4s() {
        assertError("Pyro4.errors.NamingError", "invalid regex: Unclosed group",
                () -> callKw("remove", List.of(), "regex", "("));
        assertTypeError("startswith first arg must be str or a tuple of str, not int", () -> call("remove", null, 5L));
        assertTypeError("first argument must be string or compiled pattern", () -> call("remove", null, null, 5L));
        assertTypeError("unhashable type: 'list'", () -> call("remove", List.of("a")));
    }

    // ---- yplookup (Pyro5's signature) ----------------------------------------------------------------------

    @Test
    void yplookupReturnsMetadataByDefault() {
        registerSample();
        Map<?, ?> found = (Map<?, ?>) call("yplookup", List.of("m1"));
        assertArrayEquals(new Object[]{U, List.of("m1", "m2")}, (Object[]) found.get("a"));
        assertEquals(Set.of("a"), found.keySet());
        Map<?, ?> plain = (Map<?, ?>) callKw("yplookup", List.of(), "meta_any", Set.of("m2", "zz"), "return_metadata", false);
        assertEquals(Map.of("a", U), plain);
        assertEquals(Map.of(), call("yplookup"));
    }

    @Test
    void yplookupWithBothFiltersWantsAllOfOneAndAnyOfTheOther() {
        registerSample();
        assertEquals(Set.of("a"), ((Map<?, ?>) call("yplookup", List.of("m1"), List.of("m2", "zz"))).keySet());
        assertEquals(Map.of(), call("yplookup", List.of("m1"), List.of("zz")));
    }

    @Test
    void yplookupErrorsArePyro5s() {
        assertTypeError("metadata_all should not be a str, but another iterable (set, list, etc)", () -> call("yplookup", "abc"));
        assertTypeError("metadata_any should not be a str, but another iterable (set, list, etc)",
                () -> callKw("yplookup", List.of(), "meta_any", "abc"));
    }

    @Test
    void errorsNeverDisturbStoredData() {
        registerSample();
        Object before = callKw("list", List.of(), "return_metadata", true);
        for (Runnable bad : List.<Runnable>of(() -> call("register", "a", "bad"), () -> call("register", "a", U, true),
                () -> call("set_metadata", "a", "x"), () -> callKw("remove", List.of(), "regex", "["),
                () -> callKw("register", List.of("a", U), "metadata", List.of(1L)))) {
            assertThrows(PythonException.class, bad::run);
        }
        Map<?, ?> after = (Map<?, ?>) callKw("list", List.of(), "return_metadata", true);
        Map<?, ?> expected = (Map<?, ?>) before;
        assertEquals(expected.keySet(), after.keySet());
        for (Object name : expected.keySet()) {
            assertArrayEquals((Object[]) expected.get(name), (Object[]) after.get(name));
        }
        assertTrue(after.containsKey("a"));
    }

    @Test
    void errorTypesCarryTheirPythonNames() {
        assertInstanceOf(NamingError.class, assertThrows(PythonException.class, () -> call("lookup", "nope")));
        assertInstanceOf(PyroError.class, assertThrows(PythonException.class, () -> call("register", "a", "bad")));
    }

    @Test
    void singleNameCallsOverTheMemoryStoreAreQuickScansAreNot() {
        assertTrue(dispatch.isQuick("lookup", List.of("a"), Map.of()));
        assertTrue(dispatch.isQuick("register", List.of("a", U), Map.of("metadata", List.of("x"))));
        assertTrue(dispatch.isQuick("remove", List.of("a"), Map.of()));
        assertTrue(dispatch.isQuick("remove", List.of(), Map.of("name", "a")));
        assertFalse(dispatch.isQuick("remove", List.of(), Map.of("prefix", "a.")));
        assertFalse(dispatch.isQuick("remove", Arrays.asList(null, "a."), Map.of()));
        assertFalse(dispatch.isQuick("list", List.of(), Map.of()));
        assertFalse(dispatch.isQuick("yplookup", List.of(), Map.of()));
        assertFalse(dispatch.isQuick("no_such_method", List.of(), Map.of()));
    }

    @Test
    void nothingIsQuickOverAStoreThatWritesToDisk() {
        NameStorage disk = withReads(storage, name -> false);
        NameServerDispatch onDisk = new NameServerDispatch(new StoredNameServer(disk), disk);
        assertFalse(onDisk.isQuick("lookup", List.of("a"), Map.of()));
        assertFalse(onDisk.isQuick("ping", List.of(), Map.of()));
        assertFalse(new NameServerDispatch(new StoredNameServer(storage), null).isQuick("lookup", List.of("a"), Map.of()),
                "without a store to ask, nothing is quick");
    }

    /** A shared store's copy: reads of the names it holds are quick, a miss and every write are not. */
    @Test
    void overACopyOfASharedStoreOnlyHitsAndCountsAreQuick() {
        NameStorage copy = withReads(storage, name -> name == null || storage.get(name) != null);
        NameServerDispatch shared = new NameServerDispatch(new StoredNameServer(copy), copy);
        call("register", "held", U);
        assertTrue(shared.isQuick("lookup", List.of("held"), Map.of()));
        assertTrue(shared.isQuick("lookup", List.of(), Map.of("name", "held", "return_metadata", true)));
        assertFalse(shared.isQuick("lookup", List.of("missing"), Map.of()), "a miss asks the shared store");
        assertFalse(shared.isQuick("lookup", List.of(), Map.of()), "no name: answered on a worker, as an error");
        assertTrue(shared.isQuick("count", List.of(), Map.of()));
        assertTrue(shared.isQuick("ping", List.of(), Map.of()));
        assertFalse(shared.isQuick("register", List.of("held", U), Map.of()), "writes wait for the shared store");
        assertFalse(shared.isQuick("set_metadata", List.of("held", List.of()), Map.of()));
        assertFalse(shared.isQuick("remove", List.of("held"), Map.of()));
        assertFalse(shared.isQuick("list", List.of(), Map.of()));
        call("remove", "held");
        assertFalse(shared.isQuick("lookup", List.of("held"), Map.of()), "a name gone from the copy is a miss again");
    }

    /** {@code store} as a store that is not {@linkplain NameStorage#nonBlocking non-blocking} and reads as told. */
    private static NameStorage withReads(NameStorage store, Predicate<String> readsWithoutBlocking) {
        return (NameStorage) Proxy.newProxyInstance(NameStorage.class.getClassLoader(), new Class<?>[]{NameStorage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "nonBlocking" -> false;
                    case "readsWithoutBlocking" -> readsWithoutBlocking.test((String) args[0]);
                    default -> {
                        try {
                            yield method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    // ---- Pyro5's API, to Pyro5 clients (texts from Pyro5 5.17's nameserver.py, checked in itests' Pyro5 tests)

    private Object call5(String method, Object... args) {
        return dispatch.invoke(method, Arrays.asList(args), Map.of(), PyroProtocol.PYRO5);
    }

    @Test
    void pyro5ListHasThreeParametersSoTheThirdPositionalOneAsksForMetadata() {
        call("register", "a.one", U, false, List.of("x", "w"));
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = (Map<String, Object>) call5("list", "a.", null, true);
        Object[] entry = (Object[]) listed.get("a.one");
        assertEquals(U, entry[0]);
        assertEquals(Set.of("w", "x"), entry[1], "Pyro5 sends metadata as a set");
        // to Pyro4 the third positional parameter is metadata_all
        var pyro4 = assertThrows(PythonException.class, () -> call("list", "a.", null, true));
        assertEquals("builtins.ValueError", pyro4.pythonType());
        assertEquals("you can only filter on one thing at a time",
                assertThrows(PythonException.class, () -> call5("list", "a.", "a")).getMessage());
    }

    @Test
    void pyro5LookupGivesTheMetadataAsASet() {
        call("register", "a.one", U, false, List.of("x"));
        Object[] found = (Object[]) call5("lookup", "a.one", true);
        assertEquals(PyroURI.parse(U), found[0]);
        assertEquals(Set.of("x"), found[1]);
        assertEquals(List.of("x"), ((Object[]) call("lookup", "a.one", true))[1], "Pyro4 gets a list");
    }

    @Test
    void pyro5RemoveOfANameAnswersAtOnce() {
        call("register", "a.one", U, false, null);
        call("register", "a.two", U, false, null);
        assertEquals(0L, call5("remove", "a.nope", "a."), "Pyro5: the name decides, the prefix is not looked at");
        assertEquals(3L, call("count"), "nothing removed: its own entry and both names");
        assertEquals(1L, call5("remove", "a.one", "a."));
        assertEquals(0L, call5("remove", NameServer.OBJECT_ID), "its own entry stays");
        assertEquals(1L, call("remove", "a.nope", "a."), "Pyro4 falls through to the prefix");
    }

    @Test
    void pyro5YplookupTakesOneFilterAndReturnsMetadataByDefault() {
        call("register", "a.one", U, false, List.of("x"));
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) call5("yplookup", List.of("x"));
        assertEquals(Set.of("x"), ((Object[]) found.get("a.one"))[1]);
        assertEquals(Map.of(), Map.copyOf((Map<?, ?>) call5("yplookup")));
        assertEquals("you can't use meta_all or meta_any at the same time",
                assertThrows(PythonException.class, () -> call5("yplookup", List.of("x"), List.of("y"))).getMessage());
        assertEquals("metadata_all should not be a str, but another iterable (set, list, etc)",
                assertThrows(PythonException.class, () -> call5("yplookup", "x")).getMessage());
    }
}
