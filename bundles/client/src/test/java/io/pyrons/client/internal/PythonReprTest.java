package io.pyrons.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
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

/** Expected texts are what Python 3.11 prints for the same values. */
class PythonReprTest {
    @Test
    void strings() {
        assertEquals("['a', \"it's\", 'q\"\\'', 'tab\\t', '\\x00\\x7f\\x85\u00e9\\u2028\u4e2d\ud83d\ude00']",
                PythonRepr.repr(List.of("a", "it's", "q\"'", "tab\t", "\u0000\u007f\u0085\u00e9\u2028\u4e2d\ud83d\ude00")));
        assertEquals("'back\\\\slash\\n\\r'", PythonRepr.repr("back\\slash\n\r"));
        assertEquals("plain 'text'", PythonRepr.str("plain 'text'"));
    }

    @Test
    void containers() {
        assertEquals("(1,) () set() {'a'}", PythonRepr.repr(new Object[] {1L}) + " " + PythonRepr.repr(new Object[0]) + " "
                + PythonRepr.repr(Set.of()) + " " + PythonRepr.repr(Set.of("a")));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", new Object[] {null, true, false});
        map.put("s", new LinkedHashSet<>(List.of("x", "y")));
        assertEquals("{'k': (None, True, False), 's': {'x', 'y'}}", PythonRepr.repr(map));
    }

    @Test
    void bytes() {
        assertEquals("b'\\x00a\\'\"\\\\'", PythonRepr.repr(new byte[] {0, 'a', '\'', '"', '\\'}));
        assertEquals("b\"it's\"", PythonRepr.repr("it's".getBytes()));
    }

    @Test
    void numbers() {
        assertEquals("[1e+16, 1000000000000000.0, 0.0001, 1e-05, -0.0, 1.5, 123456789.125, inf, nan, 1180591620717411303424, -3]",
                PythonRepr.repr(Arrays.asList(1e16, 1e15, 0.0001, 0.00001, -0.0, 1.5, 123456789.125, Double.POSITIVE_INFINITY,
                        Double.NaN, BigInteger.TWO.pow(70), -3L)));
    }

    @Test
    void urisAndExceptions() {
        PyroURI uri = PyroURI.parse("PYRO:obj@host:9999");
        assertEquals("PYRO:obj@host:9999", PythonRepr.str(uri));
        assertTrue(PythonRepr.repr(List.of(uri)).contains("PYRO:obj@host:9999"));
        assertEquals("unknown name: x", PythonRepr.str(new NamingError("unknown name: x")));
        assertEquals("NamingError('unknown name: x')", PythonRepr.repr(new NamingError("unknown name: x")));
        assertEquals("('a', 2)", PythonRepr.exceptionStr(new PythonException("builtins.ValueError", List.of("a", 2L), Map.of())));
        assertEquals("", PythonRepr.exceptionStr(new PythonException("builtins.ValueError", List.of(), Map.of())));
    }

    @Test
    void codePointOrderAsPythonSorts() {
        // UTF-16 order would put the supplementary character before U+FFFD
        assertTrue(PythonRepr.compareCodePoints("\ud83d\ude00", "\ufffd") > 0);
        assertTrue(PythonRepr.compareCodePoints("a", "ab") < 0);
        assertEquals(0, PythonRepr.compareCodePoints("same", "same"));
    }
}
