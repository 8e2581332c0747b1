package io.pyrons.api.serializer;

import static io.pyrons.api.serializer.NameServerFixtures.NAMING_ERROR;
import static io.pyrons.api.serializer.NameServerFixtures.NS;
import static io.pyrons.api.serializer.NameServerFixtures.URI;
import static io.pyrons.api.serializer.NameServerFixtures.URI_TEXT;
import static io.pyrons.api.serializer.PyValues.assertInvocation;
import static io.pyrons.api.serializer.PyValues.assertValue;
import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;
import static io.pyrons.api.serializer.PyValues.set;
import static io.pyrons.api.serializer.PyValues.tuple;

import io.pyrons.api.PythonException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fixture tests of a serializer whose bytes need not equal Python's (marshal, pickle: Python's refs,
 * interning and memo are not reproduced): read the bytes real Pyro4 4.82 wrote
 * (src/test/python/make_fixtures.py), check the Java values, and check that what we write reads back to the
 * same values. What we write is also left in target/&lt;name&gt;-interop for src/test/python/check_interop.py,
 * which reads it with real Pyro4. A serializer's test class extends this and adds its own cases.
 */
public abstract class RoundTripFixturesContract {
    protected final Serializer serializer;
    private final Path interopDir;

    protected RoundTripFixturesContract(Serializer serializer) {
        this.serializer = serializer;
        this.interopDir = Path.of("target", serializer.name() + "-interop");
    }

    /**
     * The fixture that holds {@code fixture}'s value when URIs or exceptions sit below its top level
     * (marshal's script writes those under another name: Pyro4's MarshalSerializer converts only the top).
     */
    protected String withNestedPyroTypes(String fixture) {
        return fixture;
    }

    /** The bytes of a fixture file of this serializer, beside the test class. */
    protected byte[] fixture(String name) throws IOException {
        return PyValues.fixture(getClass(), name + "." + serializer.name());
    }

    protected void call(String fixture, Invocation expected) throws IOException {
        Invocation read = serializer.deserializeCall(fixture(fixture));
        assertInvocation(expected, read);
        byte[] ours = serializer.serializeCall(read);
        interop(fixture, ours);
        assertInvocation(expected, serializer.deserializeCall(ours));
    }

    protected void data(String fixture, Object expected) throws IOException {
        Object read = serializer.deserializeData(fixture(fixture));
        assertValue(expected, read);
        byte[] ours = serializer.serializeData(read);
        interop(fixture, ours);
        assertValue(expected, serializer.deserializeData(ours));
    }

    /** Leaves {@code data} for check_interop.py. */
    protected void interop(String name, byte[] data) throws IOException {
        Files.createDirectories(interopDir);
        Files.write(interopDir.resolve(name + "." + serializer.name()), data);
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
    void handshakes() throws IOException {
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
        data(withNestedPyroTypes("data_lookup_result_metadata"), tuple(URI, list("class:Thermometer")));
    }

    @Test
    void errors() throws IOException {
        data("data_naming_error", NAMING_ERROR);
        data("data_type_error", PythonException.typeError("lookup() missing 1 required positional argument: 'name'"));
        data(withNestedPyroTypes("data_exceptions"), NameServerFixtures.exceptions());
    }

    @Test
    void batchResultWithExceptionWrapper() throws IOException {
        data(withNestedPyroTypes("data_batch_result"), list(null, URI, new ExceptionWrapper(NAMING_ERROR)));
    }

    @Test
    void uris() throws IOException {
        data(withNestedPyroTypes("data_uris"), NameServerFixtures.uris());
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
        data("data_floats", NameServerFixtures.floats());
    }
}
