package io.pyrons.serializer.serpent;

import static io.pyrons.serializer.serpent.PyValues.assertValue;
import static io.pyrons.serializer.serpent.PyValues.dict;
import static io.pyrons.serializer.serpent.PyValues.list;
import static io.pyrons.serializer.serpent.PyValues.set;
import static io.pyrons.serializer.serpent.PyValues.tuple;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.values.PythonRepr;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SerpentSerializerTest {
    private final SerpentSerializer serializer = new SerpentSerializer();

    private Object read(String text) {
        return serializer.deserializeData(text.getBytes(StandardCharsets.UTF_8));
    }

    private String write(Object value) {
        String text = new String(serializer.serializeData(value), StandardCharsets.UTF_8);
        assertTrue(text.startsWith(SerpentWriter.HEADER));
        return text.substring(SerpentWriter.HEADER.length());
    }

    private SerializeError readFails(String text) {
        return assertThrows(SerializeError.class, () -> read(text));
    }

    @Test
    void identifiesAsSerpentForBothProtocols() {
        assertEquals(1, serializer.id());
        assertEquals(1, serializer.id(PyroProtocol.PYRO5).getAsInt());
        assertEquals("serpent", serializer.name());
    }

    @Test
    void pyro5NamesPyrosClassesItsOwnWay() {
        PyroURI uri = PyroURI.parse("PYRO:obj_a@127.0.0.1:5555");
        assertEquals(SerpentWriter.HEADER + "{'__class__':'Pyro5.core.URI','state':('PYRO','obj_a',None,'127.0.0.1',5555)}",
                new String(serializer.serializeData(uri, PyroProtocol.PYRO5), StandardCharsets.UTF_8));
        assertEquals(SerpentWriter.HEADER + "{'__class__':'Pyro5.core._ExceptionWrapper','exception':{'__class__':"
                + "'Pyro5.errors.NamingError','__exception__':True,'args':('unknown name: nope',),'attributes':{}}}",
                new String(serializer.serializeData(new ExceptionWrapper(new NamingError("unknown name: nope")),
                        PyroProtocol.PYRO5), StandardCharsets.UTF_8));
        byte[] pyro5Uri = (SerpentWriter.HEADER + "{'__class__':'Pyro5.core.URI','state':('PYRO','obj_a',None,'127.0.0.1',5555)}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(uri, serializer.deserializeData(pyro5Uri, PyroProtocol.PYRO5));
        assertEquals("unsupported serialized class: Pyro5.core.URI",
                assertThrows(SerializeError.class, () -> serializer.deserializeData(pyro5Uri)).getMessage());
    }

    @Test
    void deepNestingIsASerializeErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(readFails(deep).getMessage().contains("nested too deeply"));
        String allowed = "(".repeat(LiteralParser.MAX_DEPTH - 1) + "1," + ")".repeat(LiteralParser.MAX_DEPTH - 1);
        assertTrue(read(allowed) instanceof Object[]);
        String tooDeep = "[".repeat(LiteralParser.MAX_DEPTH + 1) + "]".repeat(LiteralParser.MAX_DEPTH + 1);
        assertTrue(readFails(tooDeep).getMessage().contains("nested too deeply"));
    }

    @Test
    void unbalancedOpeningBracketsAreRefused() {
        readFails("{'a':[1,2");
        readFails("(((((");
        readFails("]");
    }

    @Test
    void circularValuesAreRefusedWhenWriting() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        SerializeError e = assertThrows(SerializeError.class, () -> serializer.serializeData(loop));
        assertTrue(e.getMessage().contains("nested too deeply"));
    }

    @Test
    void hugeNumberLiteralsAreRefused() {
        assertEquals(BigInteger.TEN.pow(4299), read("1" + "0".repeat(4299)));
        assertTrue(readFails("1".repeat(5000)).getMessage().contains("number literal too long"));
        assertTrue(readFails("[1." + "5".repeat(1_000_000) + "]").getMessage().contains("number literal too long"));
    }

    @Test
    void manyElementsAreReadInBoundedTime() {
        String big = "[" + "'x',".repeat(200_000) + "]";
        Object value = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> read(big));
        assertEquals(200_000, ((List<?>) value).size());
    }

    @Test
    void malformedTextIsASerializeError() {
        readFails("");
        readFails("# serpent utf-8 python3.2\n");
        readFails("'unterminated");
        readFails("'line\nbreak'");
        readFails("{'a' 1}");
        readFails("{'a':1 'b':2}");
        readFails("[1 2]");
        readFails("1 2");
        readFails("__import__('os').system('true')");
        readFails("open('/etc/passwd')");
        readFails("1+2j");
        readFails("'\\x4'");
        readFails("'\\N{EM DASH}'");
        readFails("'\\U00110000'");
        assertThrows(SerializeError.class, () -> serializer.deserializeData(new byte[] {'\'', (byte) 0xff, '\''}));
        assertThrows(SerializeError.class, () -> serializer.deserializeData(new byte[] {'1', 0}));
        assertThrows(SerializeError.class, () -> serializer.deserializeData(null));
    }

    @Test
    void unhashableKeysAreRefusedAsPythonRefusesThem() {
        readFails("{[1]:2}");
        readFails("{{}:2}");
        readFails("{[1],[2]}");
    }

    @Test
    void unknownClassesAreRefused() {
        SerializeError e = readFails("{'__class__':'foo.Bar','x':1}");
        assertEquals("unsupported serialized class: foo.Bar", e.getMessage());
        assertEquals("unsupported serialized class: Pyro4.core.Proxy",
                readFails("{'__class__':'Pyro4.core.Proxy','state':()}").getMessage());
        assertEquals("unsupported serialized class: Pyro4.errors.NoSuchError",
                readFails("{'__class__':'Pyro4.errors.NoSuchError','__exception__':True,'args':()}").getMessage());
        assertEquals("unsupported serialized class: builtins.NotAnError",
                readFails("{'__class__':'builtins.NotAnError','__exception__':True,'args':()}").getMessage());
        // a builtin exception needs the __exception__ marker, as in Pyro4
        readFails("{'__class__':'builtins.ValueError','args':('x',)}");
        readFails("{'__class__':5}");
    }

    @Test
    void doubleUnderscoreClassNamesAreASecurityError() {
        SecurityError e = assertThrows(SecurityError.class, () -> read("{'__class__':'os.__builtins__','args':()}"));
        assertEquals("refused to deserialize types with double underscores in their name: os.__builtins__", e.getMessage());
        assertThrows(SecurityError.class, () -> read("[{'__class__':'Pyro4.core.__init__'}]"));
    }

    @Test
    void exceptionsAreRecreatedLikePyro4Does() {
        assertInstanceOf(NamingError.class, read("{'__class__':'Pyro4.errors.NamingError','args':('x',)}"));
        PythonException legacy = (PythonException) read("{'__class__':'exceptions.ValueError','__exception__':True,'args':('v',)}");
        assertEquals("builtins.ValueError", legacy.pythonType());
        PythonException bare = (PythonException) read("{'__class__':'KeyError','__exception__':True,'args':['k']}");
        assertEquals("builtins.KeyError", bare.pythonType());
        assertEquals(List.of("k"), bare.args());
        PythonException sqlite = (PythonException) read("{'__class__':'sqlite3.OperationalError','__exception__':True,'args':()}");
        assertEquals("sqlite3.OperationalError", sqlite.pythonType());
        readFails("{'__class__':'Pyro4.errors.NamingError','__exception__':True}");
        readFails("{'__class__':'builtins.TypeError','__exception__':True,'args':(),'attributes':{1:2}}");
        readFails("{'__class__':'Pyro4.futures._ExceptionWrapper','exception':'not an exception'}");
    }

    @Test
    void serpentBytesDictsBecomeByteArrays() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) read("{'data': 'AQID', 'encoding': 'base64'}"));
        assertInstanceOf(Map.class, read("{'data':'AQID','encoding':'base64','more':1}"));
        assertInstanceOf(Map.class, read("{'data':'AQID','encoding':'hex'}"));
        readFails("{'data':'A','encoding':'base64'}");
        assertArrayEquals(new byte[] {0, (byte) 0xff, 'a'}, (byte[]) read("b'\\x00\\xffa'"));
        assertEquals("{'data': 'AP8=', 'encoding': 'base64'}", write(new byte[] {0, (byte) 0xff}));
    }

    @Test
    void specialFloats() {
        assertTrue(Double.isNaN((Double) read("{'__class__':'float','value':'nan'}")));
        assertEquals(Double.POSITIVE_INFINITY, read("{'__class__':'float','value':'inf'}"));
        assertEquals(Double.NEGATIVE_INFINITY, read("{'__class__':'float','value':'-Infinity'}"));
        assertEquals(2.5, read("{'__class__':'float','value':'2.5'}"));
        assertEquals(Double.POSITIVE_INFINITY, read("1e30000"));
        assertEquals(Double.NEGATIVE_INFINITY, read("-1e30000"));
        readFails("{'__class__':'float','value':'exec'}");
        assertEquals("[{'__class__':'float','value':'nan'},1e30000,-1e30000]",
                write(list(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    }

    @Test
    void floatReprReadsBackToTheSameDouble() {
        Random random = new Random(42);
        for (int k = 0; k < 20_000; k++) {
            double d = k % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            PythonRepr.finiteFloat(d, out);
            assertEquals(d, Double.parseDouble(out.toString()), out.toString());
            assertEquals(d, read(out.toString()), out.toString());
        }
        assertEquals("0.1", write(0.1f));
        assertEquals("1e+16", write(1e16));
        assertEquals("2.0", write(2.0));
    }

    @Test
    void stringEscapesAreReadAsPythonReadsThem() {
        assertEquals("\uD83D\uDE00", read("'\\U0001f600'"));
        assertEquals("\u0007\u000bA\u0000", read("'\\a\\v\\101\\0'"));
        assertEquals("\\q\\", read("'\\q\\\\'"));
        assertEquals("é", read("'\\xe9'"));
        assertEquals("it's", read("\"it's\""));
        assertEquals("a\"b", read("'a\"b'"));
        assertEquals("\\U0001f600", read("'\\\\U0001f600'"));
    }

    @Test
    void stringsAreWrittenAsPythonReprWritesThem() {
        assertEquals("'plain'", write("plain"));
        assertEquals("\"it's\"", write("it's"));
        assertEquals("'both \\' and \"'", write("both ' and \""));
        assertEquals("'\\x00\\x1b\\x7f\\x85\\xa0 é \\u2028 \\U000e0001 \uD83D\uDE00 \\ud800'",
                write("\u0000\u001b\u007f\u0085\u00a0 é \u2028 \uDB40\uDC01 \uD83D\uDE00 \uD800"));
        String tricky = "q' \" \\ \n\t\r \u0000 \uD83D\uDE00 \uDB40\uDC01 \uD800 \uFFFF";
        assertEquals(tricky, read(write(tricky)));
    }

    @Test
    void parenthesesAroundOneValueAreNotATuple() {
        assertEquals(1L, read("(1)"));
        assertValue(tuple(1L), read("((1,))"));
        assertValue(tuple(), read("()"));
        assertValue(list(1L, 2L), read(" [ 1 ,\n 2 , ] # comment"));
    }

    @Test
    void dictsKeepPythonOrderAndLastValueOfARepeatedKey() {
        assertValue(dict("b", 3L, "a", 2L), read("{'b':1,'a':2,'b':3}"));
        assertValue(set("z", "a"), read("{'z','a','z'}"));
    }

    @Test
    void dictKeysAreWrittenAsPythonWritesThem() {
        Map<Object, Object> dict = new java.util.LinkedHashMap<>();
        dict.put("n.0000001", "PYRO:obj_1@127.0.0.1:9090");
        dict.put("it's", "caf\u00e9");
        dict.put("tab\t\\", 1L);
        dict.put(7L, tuple());
        dict.put(tuple("a", 1L), null);
        dict.put('c', true);
        assertEquals("{'n.0000001':'PYRO:obj_1@127.0.0.1:9090',\"it's\":'caf\u00e9','tab\\t\\\\':1,7:(),('a',1):None,'c':True}",
                write(dict));
        assertEquals(dict.size(), ((Map<?, ?>) read(write(dict))).size());
        SerializeError e = assertThrows(SerializeError.class, () -> write(Map.of(List.of(1L), 2L)));
        assertTrue(e.getMessage().contains("not of a primitive hashable type"), e.getMessage());
        assertThrows(SerializeError.class, () -> write(Map.of(new Object(), 2L)));
    }

    @Test
    void integersAreLongsOrBigIntegers() {
        assertEquals(Long.MIN_VALUE, read("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), read("9223372036854775808"));
        assertEquals(new BigInteger("-9223372036854775809"), read("-9223372036854775809"));
        assertEquals("[1,2,3,4,5,6]", write(list(1, 2L, (short) 3, (byte) 4, BigInteger.valueOf(5), new java.util.concurrent.atomic.AtomicLong(6))));
    }

    @Test
    void pyroTypesRoundTrip() {
        PyroURI meta = PyroURI.parse("PYROMETA:a,b@localhost:9090");
        assertEquals("{'__class__':'Pyro4.core.URI','state':('PYROMETA',{'a','b'},None,'localhost',9090)}", write(meta));
        assertEquals(meta, read(write(meta)));
        PythonException withAttributes = PythonException.of("Pyro4.errors.NamingError", List.of("x"),
                Map.of("_pyroTraceback", List.of("line\n")));
        assertValue(withAttributes, read(write(withAttributes)));
        assertValue(new ExceptionWrapper(new NamingError("n")), read(write(new ExceptionWrapper(new NamingError("n")))));
        assertEquals("{'__class__':'Pyro4.errors.NamingError','__exception__':True,'args':('n',),'attributes':{}}",
                write(new NamingError("n")));
        readFails("{'__class__':'Pyro4.core.URI','state':('PYRO',)}");
        readFails("{'__class__':'Pyro4.core.URI','state':('PYRO','o',None,'h',70000)}");
        readFails("{'__class__':'Pyro4.core.URI','state':(1,'o',None,'h',1)}");
    }

    @Test
    void unsupportedJavaValuesAreASerializeError() {
        assertTrue(assertThrows(SerializeError.class, () -> serializer.serializeData(new Object()))
                .getMessage().startsWith("don't know how to serialize class java.lang.Object"));
        assertThrows(SerializeError.class, () -> serializer.serializeData(Map.of(List.of(1), 1)));
        assertThrows(SerializeError.class, () -> serializer.serializeData(new java.util.HashMap<>(java.util.Collections.singletonMap(null, 1))));
        assertThrows(SerializeError.class, () -> serializer.serializeData(set(new byte[1])));
    }

    @Test
    void callsHaveTheShapeOfPyro4Calls() {
        Invocation call = new Invocation("obj", "method", list(1L, null), Map.of("k", "v"));
        assertEquals("# serpent utf-8 python3.2\n('obj','method',(1,None),{'k':'v'})",
                new String(serializer.serializeCall(call), StandardCharsets.UTF_8));
        Invocation noKwargs = serializer.deserializeCall("('o','m',[1],None)".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(1L), noKwargs.args());
        assertEquals(Map.of(), noKwargs.kwargs());
        for (String bad : List.of("[1,2]", "('o','m',5,{})", "('o','m',(),{1:2})", "(1,'m',(),{})", "('o','m',(),[])", "('o','m',())")) {
            assertThrows(SerializeError.class, () -> serializer.deserializeCall(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        assertThrows(SecurityError.class, () -> serializer.deserializeCall(
                "('o','m',({'__class__':'x.__y'},),{})".getBytes(StandardCharsets.UTF_8)));
    }
}
