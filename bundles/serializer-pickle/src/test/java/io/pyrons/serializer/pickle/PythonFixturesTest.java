package io.pyrons.serializer.pickle;

import static io.pyrons.serializer.pickle.PyValues.assertInvocation;
import static io.pyrons.serializer.pickle.PyValues.assertValue;
import static io.pyrons.serializer.pickle.PyValues.dict;
import static io.pyrons.serializer.pickle.PyValues.fixture;
import static io.pyrons.serializer.pickle.PyValues.list;
import static io.pyrons.serializer.pickle.PyValues.set;
import static io.pyrons.serializer.pickle.PyValues.tuple;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads the pickles real Pyro4 4.82 wrote (src/test/python/make_fixtures.py: protocol 5 as Pyro4 uses it,
 * and protocols 0-4), checks the Java values, and checks that what we write reads back to the same values.
 * What we write is also left in target/pickle-interop for src/test/python/check_interop.py, which reads
 * it with real Pyro4 and checks that the URIs and exceptions are the real Pyro4 classes.
 */
class PythonFixturesTest {
    static final Path INTEROP_DIR = Path.of("target", "pickle-interop");

    private final PickleSerializer serializer = new PickleSerializer();

    static final PyroURI URI = PyroURI.pyro("obj_8a1e0b5e4c", "localhost", 51234);
    static final String URI_TEXT = "PYRO:obj_8a1e0b5e4c@localhost:51234";
    static final String NS = "Pyro.NameServer";
    static final List<Object> TRACEBACK = list("Traceback (most recent call last):\n",
            "  File \"Pyro4/naming.py\", line 98, in lookup\n",
            "Pyro4.errors.NamingError: unknown name: missing.name\n");
    static final PythonException NAMING_ERROR = PythonException.of("Pyro4.errors.NamingError",
            List.of("unknown name: missing.name"), Map.of("_pyroTraceback", TRACEBACK));

    private void call(String fixture, Invocation expected) throws IOException {
        Invocation read = serializer.deserializeCall(fixture(fixture));
        assertInvocation(expected, read);
        byte[] ours = serializer.serializeCall(read);
        interop(fixture, ours);
        assertInvocation(expected, serializer.deserializeCall(ours));
    }

    private void data(String fixture, Object expected) throws IOException {
        Object read = serializer.deserializeData(fixture(fixture));
        assertValue(expected, read);
        byte[] ours = serializer.serializeData(read);
        interop(fixture, ours);
        assertValue(expected, serializer.deserializeData(ours));
    }

    static void interop(String name, byte[] data) throws IOException {
        Files.createDirectories(INTEROP_DIR);
        Files.write(INTEROP_DIR.resolve(name + ".pickle"), data);
    }

    @Test
    void lookupCallWithKwargs() throws IOException {
        call("call_lookup", new Invocation(NS, "lookup", list("example.thermo"), Map.of("return_metadata", true)));
    }

    @Test
    void registerCallWithUriAndMetadataSet() throws IOException {
        call("call_register", new Invocation(NS, "register", list("example.thermo", URI),
                Map.of("safe", true, "metadata", set("class:Thermometer", "room:kitchen"))));
    }

    @Test
    void listCalls() throws IOException {
        call("call_list", new Invocation(NS, "list", list(), Map.of("prefix", "example.", "return_metadata", false)));
        call("call_list_metadata", new Invocation(NS, "list", list(),
                Map.of("metadata_all", set("room:kitchen"), "return_metadata", true)));
        call("call_handshake_args", new Invocation(NS, "yplookup", list(),
                Map.of("meta_any", set("a", "b"), "return_metadata", true)));
        call("call_ping", new Invocation(NS, "ping", list(), Map.of()));
    }

    @Test
    void batchCall() throws IOException {
        call("call_batch", new Invocation(NS, "<batch>", list(tuple("ping", tuple(), Map.of()),
                tuple("lookup", tuple("example.thermo"), Map.of()), tuple("count", tuple(), Map.of())), null));
    }

    @Test
    void handshakes() throws IOException {
        data("data_handshake", dict("handshake", "hello", "object", NS));
        data("data_handshake_meta_reply", dict("handshake", "hello", "meta", dict(
                "methods", list("count", "list", "lookup", "ping", "register", "remove", "set_metadata"),
                "oneway", list(), "attrs", list())));
    }

    @Test
    void listResults() throws IOException {
        data("data_list_result", dict(NS, "PYRO:Pyro.NameServer@localhost:9090", "example.thermo", URI_TEXT));
        data("data_list_result_metadata", dict("example.thermo", tuple(URI_TEXT, list("class:Thermometer"))));
    }

    @Test
    void lookupResults() throws IOException {
        data("data_lookup_result", URI);
        data("data_lookup_result_metadata", tuple(URI, list("class:Thermometer")));
    }

    @Test
    void errors() throws IOException {
        data("data_naming_error", NAMING_ERROR);
        data("data_type_error", PythonException.typeError("lookup() missing 1 required positional argument: 'name'"));
        data("data_exceptions", list(new PythonException("builtins.ValueError", list("bad", 42L), Map.of()),
                new io.pyrons.api.SecurityError("no"), new PythonException("builtins.KeyError", "k"),
                new io.pyrons.api.ProtocolError("proto")));
    }

    @Test
    void batchResultWithExceptionWrapper() throws IOException {
        data("data_batch_result", list(null, URI, new ExceptionWrapper(NAMING_ERROR)));
    }

    @Test
    void uris() throws IOException {
        data("data_uris", list(PyroURI.pyroUnix("obj", "/tmp/pyro.sock"),
                PyroURI.fromState("PYRONAME", "example.thermo", null, null, null),
                PyroURI.fromState("PYRONAME", "example.thermo", null, "nshost", 9999),
                PyroURI.fromState("PYROMETA", List.of("room:kitchen"), null, null, null),
                PyroURI.pyro("obj", "::1", 4444)));
    }

    @Test
    void plainValues() throws IOException {
        data("data_values", dict("none", null, "true", true, "false", false, "int", -42L,
                "long", Long.MAX_VALUE, "big", BigInteger.TWO.pow(100), "negbig", BigInteger.TWO.pow(70).negate(),
                "float", 3.5, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY, "-inf", Double.NEGATIVE_INFINITY,
                "unicode", "caf\u00e9 \u65e5\u672c \ud83d\ude00", "escapes", "tab\t nl\n cr\r bs\\ nul\u0000 del\u007f \"q\"",
                "tuple", tuple(1L, "two", tuple(3.0)), "empty_tuple", tuple(), "list", list(1L, list(2L, list(3L))),
                "set", set("only"), "empty_set", set(), "nested", dict("k", dict("deeper", list(dict("x", 1L)))),
                "bytes", new byte[] {0, 1, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff}, "empty_bytes", new byte[0],
                "long_text", "x".repeat(300), "frozenset", set(7L), "int_keys", dict(1L, "one", 2L, "two"),
                "tuple_key", dict(tuple(1L, 2L), "pair")));
        data("data_empty_tuple", tuple());
        data("data_empty_set", set());
        data("data_floats", list(0.0, -0.0, 1.0, 0.1, 1.0 / 3, 1e16, 1e-5, 5e-324, 1.7976931348623157e308, 1e100));
    }

    @Test
    void everyPickleProtocol() throws IOException {
        for (int protocol = 0; protocol <= 4; protocol++) {
            data("proto" + protocol + "_values", list(URI, NAMING_ERROR, set("a", "b"),
                    new byte[] {'b', 'y', (byte) 0xff, 't', 'e', 's'}, tuple(1L, BigInteger.TWO.pow(70)),
                    new ExceptionWrapper(new PythonException("builtins.KeyError", "k"))));
        }
    }

    @Test
    void javaBuiltValuesForPython() throws IOException {
        // left for check_interop.py: Java-made values Python must read as the real Pyro4 types
        interop("java_values", serializer.serializeData(dict("uri", URI, "meta", PyroURI.parse("PYROMETA:a,b@nshost"),
                "set", set("x"), "tuple", new Object[] {1, 2.5f, (short) 3}, "big", BigInteger.TEN.pow(30).negate(),
                "error", new io.pyrons.api.NamingError("unknown name: x"), "wrapped", new ExceptionWrapper(
                        PythonException.valueError("bad")), "astral", "\ud83d\ude00", "bytes", new byte[] {0, (byte) 0xff},
                "empty", new Object[0], "nested_uris", list((Object) tuple(URI, list("m"))))));
        interop("java_call", serializer.serializeCall(new Invocation(NS, "register", list("a.b", URI),
                Map.of("safe", true, "metadata", set("m1", "m2")))));
        interop("java_call_batch", serializer.serializeCall(new Invocation(NS, "<batch>",
                list((Object) tuple("ping", tuple(), Map.of())), null)));
    }
}
