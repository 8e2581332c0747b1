package io.pyrons.serializer.pickle;

import static io.pyrons.api.serializer.NameServerFixtures.NAMING_ERROR;
import static io.pyrons.api.serializer.NameServerFixtures.NS;
import static io.pyrons.api.serializer.NameServerFixtures.URI;
import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;
import static io.pyrons.api.serializer.PyValues.set;
import static io.pyrons.api.serializer.PyValues.tuple;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.RoundTripFixturesContract;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared fixture tests ({@link RoundTripFixturesContract}) on the pickles real Pyro4 4.82 wrote
 * (src/test/python/make_fixtures.py: protocol 5 as Pyro4 uses it, and protocols 0-4), and pickle's own
 * cases. What we write is left in target/pickle-interop for src/test/python/check_interop.py, which reads
 * it with real Pyro4 and checks that the URIs and exceptions are the real Pyro4 classes.
 */
class PythonFixturesTest extends RoundTripFixturesContract {
    PythonFixturesTest() {
        super(new PickleSerializer());
    }

    @Test
    void batchCall() throws IOException {
        call("call_batch", new Invocation(NS, "<batch>", list(tuple("ping", tuple(), Map.of()),
                tuple("lookup", tuple("example.thermo"), Map.of()), tuple("count", tuple(), Map.of())), null));
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
        byte[] values = serializer.serializeData(dict("uri", URI, "meta", PyroURI.parse("PYROMETA:a,b@nshost"),
                "set", set("x"), "tuple", new Object[] {1, 2.5f, (short) 3}, "big", BigInteger.TEN.pow(30).negate(),
                "error", new io.pyrons.api.NamingError("unknown name: x"), "wrapped", new ExceptionWrapper(
                        PythonException.valueError("bad")), "astral", "\ud83d\ude00", "bytes", new byte[] {0, (byte) 0xff},
                "empty", new Object[0], "nested_uris", list((Object) tuple(URI, list("m")))));
        interop("java_values", values);
        Map<?, ?> back = (Map<?, ?>) serializer.deserializeData(values);
        org.junit.jupiter.api.Assertions.assertEquals(URI, back.get("uri"));
        org.junit.jupiter.api.Assertions.assertEquals(PyroURI.parse("PYROMETA:a,b@nshost"), back.get("meta"));
        org.junit.jupiter.api.Assertions.assertInstanceOf(io.pyrons.api.NamingError.class, back.get("error"));
        org.junit.jupiter.api.Assertions.assertInstanceOf(ExceptionWrapper.class, back.get("wrapped"));
        org.junit.jupiter.api.Assertions.assertEquals("\ud83d\ude00", back.get("astral"));
        interop("java_call", serializer.serializeCall(new Invocation(NS, "register", list("a.b", URI),
                Map.of("safe", true, "metadata", set("m1", "m2")))));
        interop("java_call_batch", serializer.serializeCall(new Invocation(NS, "<batch>",
                list((Object) tuple("ping", tuple(), Map.of())), null)));
    }
}
