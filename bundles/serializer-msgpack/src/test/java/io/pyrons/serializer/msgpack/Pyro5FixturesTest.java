package io.pyrons.serializer.msgpack;

import static io.pyrons.api.PyroProtocol.PYRO5;
import static io.pyrons.api.serializer.NameServerFixtures.NS;
import static io.pyrons.api.serializer.NameServerFixtures.URI;
import static io.pyrons.api.serializer.NameServerFixtures.URI_TEXT;
import static io.pyrons.api.serializer.PyValues.assertInvocation;
import static io.pyrons.api.serializer.PyValues.assertValue;
import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;
import static io.pyrons.api.serializer.PyValues.set;
import static io.pyrons.api.serializer.PyValues.tuple;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pyrons.api.NamingError;
import io.pyrons.api.ProtocolError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.NameServerFixtures;
import io.pyrons.api.serializer.PyValues;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The bytes real Pyro5 (5.17-dev0's {@code MsgpackSerializer} on Debian's python3-msgpack 1.0.3) wrote,
 * src/test/python/make_fixtures.py: each is read into the value we expect, and each is what we write, byte for
 * byte, both for the value read back and for the value built in Java (tuples, sets, URIs, exceptions). The
 * values Pyro5 refuses to read are refused here too, with the same kind of error.
 */
class Pyro5FixturesTest {
    /** As read from Pyro5: the type keeps Pyro5's module; a Pyro4-named error is written the same way (below). */
    static final NamingError NAMING_ERROR = (NamingError) PythonException.of("Pyro5.errors.NamingError",
            List.of("unknown name: missing.name"), Map.of("_pyroTraceback", list("Traceback (most recent call last):\n",
                    "  File \"Pyro5/nameserver.py\", line 120, in lookup\n",
                    "Pyro5.errors.NamingError: unknown name: missing.name\n")));

    private final MsgpackSerializer serializer = new MsgpackSerializer();

    private static byte[] fixture(String name) throws IOException {
        return PyValues.fixture(Pyro5FixturesTest.class, name + ".msgpack");
    }

    /** What msgpack gives back for a value: tuples and sets are arrays, read as lists. */
    static Object asRead(Object value) {
        if (value instanceof Object[] tuple) {
            return asRead(List.of(tuple));
        }
        if (value instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(element -> list.add(asRead(element)));
            return list;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> map = new LinkedHashMap<>();
            m.forEach((k, v) -> map.put(k, asRead(v)));
            return map;
        }
        return value;
    }

    private void call(String fixture, Invocation javaCall) throws IOException {
        byte[] pyro5 = fixture(fixture);
        Invocation read = serializer.deserializeCall(pyro5, PYRO5);
        @SuppressWarnings("unchecked")
        Invocation expected = new Invocation(javaCall.objectId(), javaCall.method(), (List<Object>) asRead(javaCall.args()),
                (Map<String, Object>) asRead(javaCall.kwargs()));
        assertInvocation(expected, read);
        assertArrayEquals(pyro5, serializer.serializeCall(read, PYRO5), fixture + ": written again");
        assertArrayEquals(pyro5, serializer.serializeCall(javaCall, PYRO5), fixture + ": written from Java values");
    }

    private void data(String fixture, Object javaValue) throws IOException {
        byte[] pyro5 = fixture(fixture);
        Object read = serializer.deserializeData(pyro5, PYRO5);
        assertValue(asRead(javaValue), read);
        assertArrayEquals(pyro5, serializer.serializeData(read, PYRO5), fixture + ": written again");
        assertArrayEquals(pyro5, serializer.serializeData(javaValue, PYRO5), fixture + ": written from Java values");
    }

    @Test
    void nameServerCalls() throws IOException {
        call("call_lookup", new Invocation(NS, "lookup", list("example.thermo"), Map.of("return_metadata", true)));
        call("call_register", new Invocation(NS, "register", list("example.thermo", URI),
                dict2("safe", true, "metadata", set("class:Thermometer"))));
        // Pyro5's list has 3 parameters, sent positionally by Pyrolite 5
        call("call_list_positional", new Invocation(NS, "list", list("example.", null, true), Map.of()));
        call("call_yplookup", new Invocation(NS, "yplookup", list(),
                dict2("meta_any", set("room:kitchen"), "return_metadata", true)));
        call("call_ping", new Invocation(NS, "ping", list(), Map.of()));
    }

    @Test
    void batchCallWithNoneKwargs() throws IOException {
        call("call_batch", new Invocation(NS, "<batch>", list(tuple("ping", tuple(), Map.of()),
                tuple("lookup", tuple("example.thermo"), Map.of()), tuple("count", tuple(), Map.of())), null));
    }

    @Test
    void handshakes() throws IOException {
        data("data_handshake", NameServerFixtures.handshake());
        byte[] pyro5 = fixture("data_handshake_meta_reply");
        Map<?, ?> reply = (Map<?, ?>) serializer.deserializeData(pyro5, PYRO5);
        assertEquals("hello", reply.get("handshake"));
        Map<?, ?> meta = (Map<?, ?>) reply.get("meta");
        // Pyro5 sends sets: arrays in Python's set order
        assertEquals(java.util.Set.of("count", "list", "lookup", "ping", "register", "remove", "set_metadata", "yplookup"),
                new HashSet<>((List<?>) meta.get("methods")));
        assertEquals(List.of(), meta.get("oneway"));
        assertEquals(List.of(), meta.get("attrs"));
        assertArrayEquals(pyro5, serializer.serializeData(reply, PYRO5));
    }

    @Test
    void results() throws IOException {
        data("data_list_result", NameServerFixtures.listResult());
        data("data_list_result_metadata", dict("example.thermo", tuple(URI_TEXT, set("class:Thermometer"))));
        data("data_lookup_result", URI);
        data("data_lookup_result_metadata", tuple(URI, set("class:Thermometer")));
        data("data_batch_result", list(null, URI, new ExceptionWrapper(NAMING_ERROR)));
    }

    @Test
    void errorsAsPyro5ClassDicts() throws IOException {
        data("data_naming_error", NAMING_ERROR);
        data("data_type_error", PythonException.typeError("lookup() missing 1 required positional argument: 'name'"));
        data("data_exceptions", list(new PythonException("builtins.ValueError", list("bad", 42L), Map.of()),
                PythonException.of("Pyro5.errors.SecurityError", List.of("no"), Map.of()),
                new PythonException("builtins.KeyError", "k"), PythonException.of("Pyro5.errors.ProtocolError", List.of("proto"), Map.of())));
        assertInstanceOf(NamingError.class, serializer.deserializeData(fixture("data_naming_error"), PYRO5));
        // the name server's own errors are Pyro4-named: a Pyro5 client gets them in Pyro5's module
        assertArrayEquals(fixture("data_exceptions"), serializer.serializeData(list(
                new PythonException("builtins.ValueError", list("bad", 42L), Map.of()), new SecurityError("no"),
                new PythonException("builtins.KeyError", "k"), new ProtocolError("proto")), PYRO5));
        assertArrayEquals(fixture("data_naming_error"), serializer.serializeData(PythonException.of("Pyro4.errors.NamingError",
                NAMING_ERROR.args(), NAMING_ERROR.attributes()), PYRO5));
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
        Map<Object, Object> map16 = new LinkedHashMap<>();
        IntStream.range(0, 20).forEach(i -> map16.put(String.format("k%02d", i), (long) i));
        data("data_values", dict("none", null, "true", true, "false", false, "int", -42L,
                "float", 3.5, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY, "-inf", Double.NEGATIVE_INFINITY,
                "unicode", "caf\u00e9 \u65e5\u672c \ud83d\ude00", "escapes", "tab\t nl\n nul\u0000 del\u007f \"q\"",
                "tuple", tuple(1L, "two", tuple(3.0)), "empty_tuple", tuple(), "list", list(1L, list(2L, list(3L))),
                "set", set("only"), "empty_set", set(), "nested", dict("k", dict("deeper", list(dict("x", 1L)))),
                "bytes", new byte[] {0, 1, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff}, "empty_bytes", new byte[0],
                "str8", "x".repeat(40), "str16", "y".repeat(300), "str32", "z".repeat(70000),
                "bin16", filled(300), "array16", list(longs(20)), "map16", map16));
        data("data_empty_tuple", tuple());
        data("data_empty_set", set());
        data("data_floats", NameServerFixtures.floats());
        // Pyro5 writes UUID and Decimal as their str()
        data("data_uuid_decimal", list("12345678-1234-5678-1234-567812345678", "-1.50E+3"));
    }

    @Test
    void intsInEveryFormatAndBeyond64Bits() throws IOException {
        BigInteger two64 = BigInteger.TWO.pow(64);
        data("data_ints", list(0x7fL, 0x80L, 0xffL, 0x100L, 0xffffL, 0x10000L, 0xffffffffL, 0x100000000L,
                two64.subtract(BigInteger.ONE), two64,
                -0x20L, -0x21L, -0x80L, -0x81L, -0x8000L, -0x8001L, -0x80000000L, -0x80000001L,
                Long.MIN_VALUE, BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
                BigInteger.TWO.pow(100), BigInteger.TWO.pow(70).negate()));
    }

    @Test
    void pyro5sOwnExtTypesThatTheValueModelHasNoPlaceFor() throws IOException {
        assertRefused(SerializeError.class, "unsupported_complex", "complex numbers (ext 0x30) are not supported");
        assertRefused(SerializeError.class, "unsupported_datetime", "datetime.datetime (ext 0x32) is not supported");
        assertRefused(SerializeError.class, "unsupported_date", "datetime.date (ext 0x33) is not supported");
    }

    @Test
    void whatPyro5RefusesIsRefused() throws IOException {
        // make_fixtures.py checked that Pyro5's loads raises for each; its message is in the comment
        // SerializeError: unsupported serialized class: Pyro4.core.URI
        assertRefused(SerializeError.class, "refused_pyro4_uri", "unsupported serialized class: Pyro4.core.URI");
        assertRefused(SerializeError.class, "refused_pyro4_error", "unsupported serialized class: Pyro4.errors.NamingError");
        // SecurityError: refused to deserialize types with double underscores in their name: os.__builtins__
        assertRefused(SecurityError.class, "refused_dunder_class",
                "refused to deserialize types with double underscores in their name: os.__builtins__");
        // ValueError: int is not allowed for map key when strict_map_key=True
        assertRefused(SerializeError.class, "refused_int_key", "a map key is a int, not a str");
        // UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte
        assertRefused(SerializeError.class, "refused_invalid_utf8", "a str is not valid UTF-8");
        // SerializeError: invalid ext code for msgpack: 64
        assertRefused(SerializeError.class, "refused_unknown_ext", "invalid ext code for msgpack: 64");
        // ExtraData: unpack(b) received extra data.
        assertRefused(SerializeError.class, "refused_extra_data", "extra data after the value");
        // ValueError: Unpack failed: incomplete input
        assertRefused(SerializeError.class, "refused_cut_short", "incomplete input");
    }

    private void assertRefused(Class<? extends PythonException> type, String fixture, String message) throws IOException {
        byte[] data = fixture(fixture);
        PythonException e = assertThrows(type, () -> serializer.deserializeData(data, PYRO5), fixture);
        assertEquals(true, e.getMessage().contains(message), fixture + ": " + e.getMessage());
    }

    private static byte[] filled(int n) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, (byte) 1);
        return bytes;
    }

    private static Object[] longs(int n) {
        return java.util.stream.LongStream.range(0, n).boxed().toArray();
    }

    /** A dict with String keys in this order (Invocation's kwargs). */
    private static Map<String, Object> dict2(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
