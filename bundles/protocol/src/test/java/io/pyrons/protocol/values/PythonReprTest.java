package io.pyrons.protocol.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;

/**
 * {@code repr()} and {@code str()} against what Python prints. Strings: from python-repr-strings.txt (made by
 * src/test/python/capture_repr.py), every ASCII and Latin-1 character alone and inside plain text, quotes,
 * backslashes, non-printables, surrogates and characters beyond the BMP. Values of the value model: each with the
 * Python expression that makes the same value, evaluated by /usr/bin/python3 at test time.
 */
class PythonReprTest {
    private static final String FIXTURE = "python-repr-strings.txt";

    @Test
    void stringsAreWrittenAsPythonReprWritesThem() throws IOException {
        List<String[]> cases = fixture();
        assertTrue(cases.size() > 700, "fixture has " + cases.size() + " cases");
        for (String[] c : cases) {
            String text = text(c[0]);
            assertEquals(c[1], PythonRepr.string(text), "repr of code points " + c[0]);
        }
    }

    @Test
    void reprIsAppendedAfterWhatTheBuilderHolds() {
        StringBuilder out = new StringBuilder("x=");
        PythonRepr.string("n.0000001", out);
        out.append(',');
        PythonRepr.string("it's", out);
        out.append(',');
        PythonRepr.string("caf\u00e9\\", out);
        assertEquals("x='n.0000001',\"it's\",'caf\u00e9\\\\'", out.toString());
    }

    @Test
    void aLongPlainStringIsCopiedWhole() {
        String name = "example.service.".repeat(1000) + "end";
        assertEquals("'" + name + "'", PythonRepr.string(name));
        assertEquals("'" + name + "\\x7f'", PythonRepr.string(name + "\u007f"));
        assertEquals("\"" + name + "'\"", PythonRepr.string(name + "'"));
    }

    /** A value and the Python expression for the same value. */
    private record Value(Object java, String python) {
    }

    private static Value value(Object java, String python) {
        return new Value(java, python);
    }

    private static List<Value> values() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("k", new Object[] {null, true, false});
        dict.put("s", new LinkedHashSet<>(List.of(1L, 2L, 3L)));
        dict.put("", Map.of());
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        return List.of(
                value(List.of("a", "it's", "q\"'", "tab\t", "\u0000\u007f\u0085\u00e9\u2028\u4e2d\ud83d\ude00"),
                        "['a', \"it\\'s\", 'q\"' + \"'\", 'tab' + chr(9), ''.join(map(chr, [0, 0x7f, 0x85, 0xe9, 0x2028, 0x4e2d, 0x1f600]))]"),
                value("back\\slash\n\r", "'back' + chr(92) + 'slash' + chr(10) + chr(13)"),
                value(new Object[] {1L}, "(1,)"),
                value(new Object[0], "tuple()"),
                value(new Object[] {"a", new Object[] {2L}}, "('a', (2,))"),
                value(Set.of(), "set()"),
                value(Set.of("a"), "{'a'}"),
                value(dict, "dict(k=(None, True, False), s={3, 2, 1}, **{'': {}})"),
                value(List.of(), "[]"),
                value(Arrays.asList(null, List.of(List.of())), "[None, [[]]]"),
                value(new byte[] {0, 'a', '\'', '"', '\\'}, "bytes([0, 97, 39, 34, 92])"),
                value("it's".getBytes(), "b\"it's\""),
                value("\"it's\"".getBytes(), "('\"it' + chr(39) + 's\"').encode()"),
                value(new byte[0], "bytes()"),
                value(everyByte, "bytes(range(256))"),
                value(Arrays.asList(1e16, 1e15, 0.0001, 0.00001, -0.0, 1.5, 123456789.125, 0.1 + 0.2, 1e22, 5e-324,
                        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN),
                        "[1e16, 1e15, 0.0001, 0.00001, -0.0, 1.5, 123456789.125, 0.1 + 0.2, 1e22, 5e-324, "
                                + "1.7976931348623157e308, float('inf'), -float('inf'), float('nan')]"),
                value(Arrays.asList(BigInteger.TWO.pow(70), -3L, 0L, Long.MIN_VALUE, 7, (short) 8, (byte) 9),
                        "[2 ** 70, -3, 0, -2 ** 63, 7, 8, 9]"),
                value(Arrays.asList(true, false, null), "[True, False, None]"),
                value(new NamingError("unknown name: x"), "Pyro4.errors.NamingError('unknown name: x')"),
                value(new PythonException("builtins.ValueError", List.of("a", 2L), Map.of()), "ValueError('a', 2)"),
                value(new PythonException("builtins.ValueError", List.of(), Map.of()), "ValueError()"),
                value(new PythonException("builtins.KeyError", Arrays.asList((Object) new Object[] {1L}), Map.of()),
                        "KeyError((1,))"),
                value(new PythonException("builtins.KeyError", List.of("k"), Map.of()), "KeyError('k')"),
                value(new PythonException("builtins.KeyError", List.of("k", 1L), Map.of()), "KeyError('k', 1)"));
    }

    @Test
    void valuesAreWrittenAsPythonWritesThem() throws Exception {
        List<Value> values = values();
        List<String[]> python = Python3.run("""
                import Pyro4.errors
                for expression in lines:
                    value = eval(expression)
                    out(repr(value), str(value))
                """, values.stream().map(Value::python).toList());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i).java();
            expected.add("repr " + python.get(i)[0] + "\nstr " + python.get(i)[1]);
            actual.add("repr " + PythonRepr.repr(value) + "\nstr " + PythonRepr.str(value));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void strOfAUriIsItsText() throws Exception {
        String text = "PYRO:obj@host:9999";
        List<String[]> python = Python3.run("""
                import Pyro4.core
                for text in lines:
                    out(str(Pyro4.core.URI(text)))
                """, List.of(text));
        assertEquals(python.get(0)[0], PythonRepr.str(PyroURI.parse(text)));
        // Python's repr holds an object address; ours names the class and the text
        assertEquals("<Pyro4.core.URI " + text + ">", PythonRepr.repr(PyroURI.parse(text)));
    }

    @Test
    void strOrderIsCodePointOrderAsPythonSorts() throws Exception {
        List<String> texts = List.of("b", "a", "ab", "", "\ufffd", "\ud83d\ude00", "\u00e9", "E", "\uff21", "a\u0000");
        List<String[]> python = Python3.run("""
                for text in sorted(lines):
                    out(text)
                """, texts);
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(PythonRepr::compareCodePoints);
        assertEquals(python.stream().map(line -> line[0]).toList(), sorted);
    }

    private static String text(String codePoints) {
        StringBuilder text = new StringBuilder();
        if (!codePoints.isEmpty()) {
            for (String hex : codePoints.split(" ")) {
                text.appendCodePoint(Integer.parseInt(hex, 16));
            }
        }
        return text.toString();
    }

    private static List<String[]> fixture() throws IOException {
        List<String[]> cases = new ArrayList<>();
        try (InputStream in = PythonReprTest.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IOException("test resource " + FIXTURE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                cases.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
            }
        }
        return cases;
    }
}
