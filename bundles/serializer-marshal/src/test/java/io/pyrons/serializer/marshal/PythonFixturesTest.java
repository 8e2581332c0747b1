package io.pyrons.serializer.marshal;

import static io.pyrons.api.serializer.NameServerFixtures.NS;
import static io.pyrons.api.serializer.NameServerFixtures.URI;
import static io.pyrons.api.serializer.PyValues.assertInvocation;
import static io.pyrons.api.serializer.PyValues.assertValue;
import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;
import static io.pyrons.api.serializer.PyValues.set;
import static io.pyrons.api.serializer.PyValues.tuple;

import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.RoundTripFixturesContract;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared fixture tests ({@link RoundTripFixturesContract}) on the bytes real Pyro4 4.82 on Python 3.11
 * wrote (src/test/python/make_fixtures.py: refs, interned and short strings, small tuples as Python writes
 * them), and marshal's own cases. What we write is left in target/marshal-interop for
 * src/test/python/check_interop.py.
 */
class PythonFixturesTest extends RoundTripFixturesContract {
    PythonFixturesTest() {
        super(new MarshalSerializer());
    }

    @Override
    protected String withNestedPyroTypes(String fixture) {
        return fixture + "_nested";
    }

    @Test
    void batchCallWrittenAsPyro4ReadsIt() throws IOException {
        // Pyro4's MarshalSerializer cannot write a batch (None kwargs), but reads one: kwargs None
        Invocation batch = new Invocation(NS, "<batch>", list(tuple("ping", tuple(), Map.of()),
                tuple("lookup", tuple("example.thermo"), Map.of())), null);
        byte[] ours = serializer.serializeCall(batch);
        interop("java_call_batch", ours);
        assertInvocation(batch, serializer.deserializeCall(ours));
    }

    @Test
    void javaBuiltValuesForPython() throws IOException {
        // left for check_interop.py: Java-made values Python must read as the real Pyro4 types
        interop("java_values", serializer.serializeData(dict("uri", URI, "meta", io.pyrons.api.PyroURI.parse("PYROMETA:a,b"),
                "set", set("x"), "tuple", new Object[] {1, 2.5f, (short) 3}, "big", BigInteger.TEN.pow(30).negate(),
                "edge_ints", list(Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, Long.MIN_VALUE, BigInteger.TWO.pow(15)),
                "error", new io.pyrons.api.NamingError("unknown name: x"), "wrapped", new ExceptionWrapper(
                        PythonException.valueError("bad")), "astral", "\ud83d\ude00", "bytes", new byte[] {0, (byte) 0xff},
                "long_ascii", "y".repeat(70_000), "big_tuple", new Object[300])));
        interop("java_call", serializer.serializeCall(new Invocation(NS, "register", list("a.b", URI),
                Map.of("safe", true, "metadata", set("m1", "m2")))));
        byte[] edge = serializer.serializeData(list(Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, Long.MIN_VALUE,
                BigInteger.TWO.pow(15), BigInteger.TWO.pow(200).negate()));
        assertValue(list((long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 1L << 31, Long.MIN_VALUE,
                BigInteger.TWO.pow(15).longValue(), BigInteger.TWO.pow(200).negate()), serializer.deserializeData(edge));
    }
}
