package io.pyrons.serializer.json;

import static io.pyrons.api.serializer.NameServerFixtures.NAMING_ERROR;
import static io.pyrons.api.serializer.NameServerFixtures.NS;
import static io.pyrons.api.serializer.NameServerFixtures.URI;
import static io.pyrons.api.serializer.NameServerFixtures.URI_TEXT;
import static io.pyrons.api.serializer.PyValues.assertInvocation;
import static io.pyrons.api.serializer.PyValues.assertValue;
import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.NameServerFixtures;
import io.pyrons.api.serializer.PyValues;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads the bytes real Pyro4 4.82 wrote (src/test/python/make_fixtures.py), checks the Java values, and
 * checks that writing those values gives Python's bytes back exactly. What we write is also left in
 * target/json-interop for src/test/python/check_interop.py, which reads it with real Pyro4.
 */
class PythonFixturesTest {
    static final Path INTEROP_DIR = Path.of("target", "json-interop");

    private final JsonSerializer serializer = new JsonSerializer();

    private static byte[] fixture(String name) throws IOException {
        return PyValues.fixture(PythonFixturesTest.class, name + ".json");
    }

    private void call(String fixture, Invocation expected) throws IOException {
        byte[] python = fixture(fixture);
        Invocation read = serializer.deserializeCall(python);
        assertInvocation(expected, read);
        byte[] ours = serializer.serializeCall(read);
        interop(fixture, ours);
        assertEquals(new String(python, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
    }

    private void data(String fixture, Object expected) throws IOException {
        Object read = serializer.deserializeData(fixture(fixture));
        assertValue(expected, read);
        byte[] ours = serializer.serializeData(read);
        interop(fixture, ours);
        assertEquals(new String(fixture(fixture), StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
    }

    static void interop(String name, byte[] data) throws IOException {
        Files.createDirectories(INTEROP_DIR);
        Files.write(INTEROP_DIR.resolve(name + ".json"), data);
    }

    @Test
    void lookupCallWithKwargs() throws IOException {
        call("call_lookup", new Invocation(NS, "lookup", list("example.thermo"), Map.of("return_metadata", true)));
    }

    @Test
    void registerCallWithUriAndMetadataSet() throws IOException {
        // json has no sets: Pyro4 writes the metadata set as an array, and we read a list
        call("call_register", new Invocation(NS, "register", list("example.thermo", URI),
                Map.of("safe", true, "metadata", list("class:Thermometer", "room:kitchen"))));
    }

    @Test
    void listCalls() throws IOException {
        call("call_list", new Invocation(NS, "list", list(), Map.of("prefix", "example.", "return_metadata", false)));
        call("call_list_metadata", new Invocation(NS, "list", list(),
                Map.of("metadata_all", list("room:kitchen"), "return_metadata", true)));
        call("call_handshake_args", new Invocation(NS, "yplookup", list(),
                Map.of("meta_any", list("a", "b"), "return_metadata", true)));
        call("call_ping", new Invocation(NS, "ping", list(), Map.of()));
    }

    @Test
    void batchCallHasListsAndNoKwargs() throws IOException {
        call("call_batch", new Invocation(NS, "<batch>", list(list("ping", list(), Map.of()),
                list("lookup", list("example.thermo"), Map.of()), list("count", list(), Map.of())), Map.of()));
    }

    @Test
    void handshakes() throws IOException {
        data("data_handshake", NameServerFixtures.handshake());
        data("data_handshake_meta_reply", NameServerFixtures.handshakeMetaReply());
    }

    @Test
    void listResults() throws IOException {
        data("data_list_result", NameServerFixtures.listResult());
        data("data_list_result_metadata", dict("example.thermo", list(URI_TEXT, list("class:Thermometer"))));
    }

    @Test
    void lookupResults() throws IOException {
        data("data_lookup_result", URI);
        data("data_lookup_result_metadata", list(URI, list("class:Thermometer")));
    }

    @Test
    void errors() throws IOException {
        data("data_naming_error", NAMING_ERROR);
        data("data_type_error", PythonException.typeError("lookup() missing 1 required positional argument: 'name'"));
        data("data_exceptions", NameServerFixtures.exceptions());
    }

    @Test
    void batchResultWithExceptionWrapper() throws IOException {
        data("data_batch_result", list(null, URI, new ExceptionWrapper(NAMING_ERROR)));
    }

    @Test
    void uris() throws IOException {
        data("data_uris", NameServerFixtures.uris());
    }

    @Test
    void plainValues() throws IOException {
        data("data_values", dict("none", null, "true", true, "false", false, "int", -42L,
                "long", Long.MAX_VALUE, "big", BigInteger.TWO.pow(100), "negbig", BigInteger.TWO.pow(70).negate(),
                "float", 3.5, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY, "-inf", Double.NEGATIVE_INFINITY,
                "unicode", "caf\u00e9 \u65e5\u672c \ud83d\ude00", "escapes", "tab\t nl\n cr\r bs\\ nul\u0000 del\u007f \"q\"",
                "tuple", list(1L, "two", list(3.0)), "empty_tuple", list(), "list", list(1L, list(2L, list(3L))),
                "set", list("only"), "empty_set", list(), "nested", dict("k", dict("deeper", list(dict("x", 1L))))));
        data("data_empty_tuple", list());
        data("data_empty_set", list());
    }

    @Test
    void floatsReadAsPythonWroteThem() throws IOException {
        // Java prints some floats differently (1.0E16 for 1e+16): compare values, and let Python check ours
        Object read = serializer.deserializeData(fixture("data_floats"));
        assertValue(NameServerFixtures.floats(), read);
        interop("data_floats", serializer.serializeData(read));
        assertValue(read, serializer.deserializeData(serializer.serializeData(read)));
    }

    @Test
    void javaBuiltValuesForPython() throws IOException {
        // left for check_interop.py: Java-made values Python must read as the real Pyro4 types
        interop("java_values", serializer.serializeData(dict("uri", URI, "meta", PyroURI.parse("PYROMETA:a,b"),
                "set", PyValues.set("x"), "tuple", new Object[] {1, 2.5f, (short) 3}, "big", BigInteger.TEN.pow(30),
                "error", new io.pyrons.api.NamingError("unknown name: x"), "wrapped", new ExceptionWrapper(
                        PythonException.valueError("bad")), "astral", "\ud83d\ude00")));
        interop("java_call", serializer.serializeCall(new Invocation(NS, "register", list("a.b", URI),
                Map.of("safe", true, "metadata", PyValues.set("m1", "m2")))));
    }
}
