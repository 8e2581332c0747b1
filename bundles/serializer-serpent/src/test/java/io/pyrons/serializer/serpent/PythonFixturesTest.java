package io.pyrons.serializer.serpent;

import static io.pyrons.api.serializer.NameServerFixtures.NAMING_ERROR;
import static io.pyrons.api.serializer.NameServerFixtures.NS;
import static io.pyrons.api.serializer.NameServerFixtures.URI;
import static io.pyrons.api.serializer.NameServerFixtures.URI_TEXT;
import static io.pyrons.serializer.serpent.PyValues.assertInvocation;
import static io.pyrons.serializer.serpent.PyValues.assertValue;
import static io.pyrons.serializer.serpent.PyValues.dict;
import static io.pyrons.serializer.serpent.PyValues.fixture;
import static io.pyrons.serializer.serpent.PyValues.list;
import static io.pyrons.serializer.serpent.PyValues.set;
import static io.pyrons.serializer.serpent.PyValues.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pyrons.api.ProtocolError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.NameServerFixtures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the bytes real Pyro4 4.82 wrote (src/test/python/make_fixtures.py), checks the Java values, and
 * checks that writing those values gives Python's bytes back exactly. What we write is also left in
 * target/serpent-interop for src/test/python/check_interop.py, which reads it with real Pyro4.
 */
class PythonFixturesTest {
    static final Path INTEROP_DIR = Path.of("target", "serpent-interop");

    private final SerpentSerializer serializer = new SerpentSerializer();

    private void call(String fixture, Invocation expected) throws IOException {
        byte[] python = fixture(fixture);
        Invocation read = serializer.deserializeCall(python);
        assertInvocation(expected, read);
        byte[] ours = serializer.serializeCall(read);
        Files.createDirectories(INTEROP_DIR);
        Files.write(INTEROP_DIR.resolve(fixture + ".serpent"), ours);
        assertEquals(new String(python, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
        assertInvocation(expected, serializer.deserializeCall(serializer.serializeCall(expected)));
    }

    private void data(String fixture, Object expected) throws IOException {
        byte[] python = fixture(fixture);
        Object read = serializer.deserializeData(python);
        assertValue(expected, read);
        byte[] ours = serializer.serializeData(read);
        Files.createDirectories(INTEROP_DIR);
        Files.write(INTEROP_DIR.resolve(fixture + ".serpent"), ours);
        assertEquals(new String(python, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
        assertEquals(new String(python, StandardCharsets.UTF_8), new String(serializer.serializeData(expected), StandardCharsets.UTF_8));
    }

    @Test
    void lookupCallWithKeywordArguments() throws IOException {
        call("call_lookup", new Invocation(NS, "lookup", list("example.thermo"), Map.of("return_metadata", true)));
    }

    @Test
    void registerCallWithUriAndMetadataSet() throws IOException {
        call("call_register", new Invocation(NS, "register", list("example.thermo", URI),
                orderedKwargs("safe", true, "metadata", set("class:Thermometer", "room:kitchen"))));
    }

    @Test
    void listCalls() throws IOException {
        call("call_list", new Invocation(NS, "list", list(), orderedKwargs("prefix", "example.", "return_metadata", false)));
        call("call_list_metadata", new Invocation(NS, "list", list(),
                orderedKwargs("metadata_all", set("room:kitchen"), "return_metadata", true)));
    }

    @Test
    void pingCallWithoutArguments() throws IOException {
        call("call_ping", new Invocation(NS, "ping", list(), Map.of()));
    }

    @Test
    void batchCallIsAListOfCallTuplesWithoutKwargs() throws IOException {
        call("call_batch", new Invocation(NS, "<batch>", list(tuple("ping", tuple(), dict()),
                tuple("lookup", tuple("example.thermo"), dict()), tuple("count", tuple(), dict())), null));
    }

    @Test
    void handshakeAndMetaReply() throws IOException {
        data("data_handshake", NameServerFixtures.handshake());
        data("data_handshake_meta_reply", NameServerFixtures.handshakeMetaReply());
    }

    @Test
    void listResults() throws IOException {
        data("data_list_result", NameServerFixtures.listResult());
        data("data_list_result_metadata", dict("example.thermo", tuple(URI_TEXT, list("class:Thermometer"))));
    }

    @Test
    void lookupResults() throws IOException {
        data("data_lookup_result", URI);
        data("data_lookup_result_metadata", tuple(URI, list("class:Thermometer")));
    }

    @Test
    void namingErrorWithRemoteTraceback() throws IOException {
        data("data_naming_error", NAMING_ERROR);
    }

    @Test
    void builtinTypeError() throws IOException {
        data("data_type_error", new PythonException("builtins.TypeError",
                List.of("lookup() missing 1 required positional argument: 'name'"), Map.of()));
    }

    @Test
    void batchResultWithExceptionWrapper() throws IOException {
        data("data_batch_result", list(null, URI, new ExceptionWrapper(NAMING_ERROR)));
    }

    @Test
    void uriShapes() throws IOException {
        data("data_uris", list(PyroURI.pyroUnix("obj", "/tmp/pyro.sock"), PyroURI.parse("PYRONAME:example.thermo"),
                PyroURI.parse("PYRONAME:example.thermo@nshost:9999"), PyroURI.parse("PYROMETA:room:kitchen"),
                PyroURI.pyro("obj", "::1", 4444)));
        PyroURI meta = (PyroURI) ((List<?>) serializer.deserializeData(fixture("data_uris"))).get(3);
        assertEquals(java.util.Set.of("room:kitchen"), meta.metadata());
        assertEquals(null, meta.port());
    }

    @Test
    void exceptionsOfSeveralKinds() throws IOException {
        data("data_exceptions", list(
                new PythonException("builtins.ValueError", List.of("bad", 42L), Map.of()),
                new SecurityError("no"),
                new PythonException("builtins.KeyError", List.of("k"), Map.of()),
                new ProtocolError("proto")));
    }

    @Test
    void valueTypes() throws IOException {
        data("data_values", dict("none", null, "true", true, "false", false, "int", -42L,
                "long", Long.MAX_VALUE, "big", BigInteger.TWO.pow(100), "negbig", BigInteger.TWO.pow(70).negate(),
                "float", 3.5, "tiny", 1e-300, "nan", Double.NaN,
                "inf", Double.POSITIVE_INFINITY, "-inf", Double.NEGATIVE_INFINITY,
                "bytes", new byte[] {0, 1, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff}, "empty_bytes", new byte[0],
                "unicode", "caf\u00e9 \u65e5\u672c \uD83D\uDE00", "escapes", "tab\t nl\n cr\r bs\\ nul\0 del\u007f",
                "quotes1", "it's", "quotes2", "say \"hi\"", "quotes3", "both ' and \"",
                "nonprint", "\u2028 \u00a0 \uDB40\uDC01 \uD800",
                "tuple", tuple(1L, "two", tuple(3.0)), "empty_tuple", tuple(), "list", list(1L, list(2L, list(3L))),
                "set", set("only"), "empty_set", tuple(), "nested", dict("k", dict("deeper", list(dict("x", 1L)))),
                "int_keys", dict(1L, "one", 2L, "two")));
    }

    @Test
    void floatsAsPythonReprWritesThem() throws IOException {
        data("data_floats", list(0.0, -0.0, 1.0, 0.1, 1.0 / 3, 1e15, 1e16, 1.5e16, 123456789012345678.0, 1e-4, 1e-5,
                0.00012345, 2.5e-10, 1e22, 1e23, 5e-324, 1.7976931348623157e308, -2.75, 100.0, 12345.678,
                9007199254740993.0, 0.3, Math.sqrt(2), 1e100, 8.41e21));
    }

    @Test
    void emptyTupleAndEmptySetLookAlike() throws IOException {
        data("data_empty_tuple", tuple());
        data("data_empty_set", tuple());
        assertEquals("()", new String(serializer.serializeData(set()), StandardCharsets.UTF_8).substring(SerpentWriter.HEADER.length()));
    }

    private static Map<String, Object> orderedKwargs(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            map.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return map;
    }

    @AfterAll
    static void writeJavaMadeValues() throws IOException {
        // values no Python process made: check_interop.py prints how Pyro4 reads them
        SerpentSerializer s = new SerpentSerializer();
        Files.createDirectories(INTEROP_DIR);
        Files.write(INTEROP_DIR.resolve("java_naming_error.serpent"), s.serializeData(new io.pyrons.api.NamingError("unknown name: x")));
        Files.write(INTEROP_DIR.resolve("java_batch_result.serpent"), s.serializeData(list(1L,
                new ExceptionWrapper(PythonException.typeError("bad type")), new ExceptionWrapper(new io.pyrons.api.NamingError("n")))));
        Files.write(INTEROP_DIR.resolve("java_uris.serpent"), s.serializeData(list(URI,
                PyroURI.parse("PYROMETA:class:Thermometer,room:kitchen@localhost:9090"), PyroURI.pyroUnix("o", "/tmp/s"),
                PyroURI.parse("PYRONAME:x"))));
        Files.write(INTEROP_DIR.resolve("java_values.serpent"), s.serializeData(dict("emoji", "\uD83D\uDE00 \uDB40\uDC01",
                "big", BigInteger.TEN.pow(40), "nan", Double.NaN, "ninf", Double.NEGATIVE_INFINITY, "bytes", new byte[] {1, 2, 3},
                "set", set(1L, 2L, "x"), "tuple", new Object[] {new Object[0]}, "float", (float) 0.1, "tuplekey", dict(tuple(1L, 2L), "v"))));
        Files.write(INTEROP_DIR.resolve("java_call.serpent"), s.serializeCall(new Invocation(NS, "register",
                list("n", URI), Map.of("metadata", set("a")))));
    }
}
