package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Python's {@code int()}, {@code float()} and {@code repr()} as checked with /usr/bin/python3. */
class PythonTextTest {

    @Test
    void intAcceptsWhatPythonAccepts() {
        assertEquals(BigInteger.valueOf(12), PythonText.parseInt(" 12 ", 10));
        assertEquals(BigInteger.valueOf(1000), PythonText.parseInt("1_000", 10));
        assertEquals(BigInteger.valueOf(-5), PythonText.parseInt("-5", 10));
        assertEquals(BigInteger.valueOf(5), PythonText.parseInt("+5", 10));
        assertEquals(BigInteger.valueOf(31), PythonText.parseInt("0x1F", 16));
        assertEquals(BigInteger.valueOf(31), PythonText.parseInt("0x_1f", 16));
        assertEquals(BigInteger.valueOf(8), PythonText.parseInt("010", 8));
        assertEquals(BigInteger.valueOf(15), PythonText.parseInt("0o17", 8));
        assertEquals(BigInteger.valueOf(5), PythonText.parseInt("101", 2));
        assertEquals(BigInteger.valueOf(7), PythonText.parseInt("007", 10));
    }

    @Test
    void intRefusesWhatPythonRefuses() {
        for (String bad : new String[] {"", " ", "abc", "1.5", "1__0", "_1", "1_", "0x10", "1 2", "--1", "٣x"}) {
            assertNull(PythonText.parseInt(bad, 10), bad);
        }
        assertNull(PythonText.parseInt("08", 8));
        assertNull(PythonText.parseInt("0x", 16));
        assertNull(PythonText.parseInt("2", 2));
    }

    @Test
    void floatAsPython() {
        assertEquals(1.5, PythonText.parseFloat(" 1.5 "));
        assertEquals(3.0, PythonText.parseFloat("3"));
        assertEquals(1000.0, PythonText.parseFloat("1e3"));
        assertEquals(0.5, PythonText.parseFloat(".5"));
        assertEquals(5.0, PythonText.parseFloat("5."));
        assertEquals(Double.POSITIVE_INFINITY, PythonText.parseFloat("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, PythonText.parseFloat("-Infinity"));
        assertNull(PythonText.parseFloat("x"));
        assertNull(PythonText.parseFloat("1.5d"));
        assertNull(PythonText.parseFloat("0x1p3"));
        assertNull(PythonText.parseFloat(""));
    }

    @Test
    void reprAsPython() {
        assertEquals("'abc'", PythonText.repr("abc"));
        assertEquals("\"it's\"", PythonText.repr("it's"));
        assertEquals("'a\\'b\"c'", PythonText.repr("a'b\"c"));
        assertEquals("'a\\\\b\\n\\x01'", PythonText.repr("a\\b\n\u0001"));
    }
}
