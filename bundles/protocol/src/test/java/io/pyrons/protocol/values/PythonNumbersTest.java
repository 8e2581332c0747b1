package io.pyrons.protocol.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code int(text, base)} and {@code float(text)} against what /usr/bin/python3 answers for the same texts. */
class PythonNumbersTest {
    private static final List<String> TEXTS = List.of(
            "", " ", "0", "7", "-5", "+5", "--1", "+-1", " 12 ", "\t12\n", "\u000b12\u000c", "\r12", "1 2",
            "1_000", "1__0", "_1", "1_", "0_7", "007", "08", "010", "0x10", "0X1f", "0x_1f", "0x__1", "0x", "0x_",
            "0_x1", "-0x10", "0o17", "0O17", "0o_7", "0b101", "0B1", "0b", "0b2", "101", "2", "ff", "FF", "fg", "z",
            "Z", "zz", "abc", "1.5", "1e3", "1E3", "1e+3", "1e-3", "1e", "e3", "1.", ".5", ".", "5.", "1._5", "1_0.5",
            "1e_3", "1.5d", "1.5f", "0x1p3", "inf", "-inf", "+INF", "Infinity", "-iNfinity", "infinity_", "nan", "-nan",
            "NaN", "nan1", "1e400", "-1e400", "4.9e-324", "1e-400", "0.1", "123456789012345678901234567890",
            "99999999999999999999999999999999999999999999", "\u0663", "\u0661\u0660", "\u0663x", "\uff10x10",
            "\uff46", "0x\u0661\u0660", "\u0661.\u0665", "\u0661e\u0661", "\u00a012\u2003", "\u2028 5", "\u0085 5",
            "\u001c5", "5\u001f", "\u007f5", "5\u007f", "\u00e9", "\u200b5", "\u180e5", "\ud835\udfd7",
            "\ud835\udfd7\ud835\udfce", "\u00b2", "\u2167", "\u4e00", "1".repeat(4300), "1".repeat(4301),
            "-" + "1".repeat(4300), "1_".repeat(2150) + "1", "1_".repeat(4300) + "1", "0x" + "1".repeat(5000),
            "1".repeat(20000), "1".repeat(20000) + ".5e-19990", "1_".repeat(10000) + "x");
    private static final int[] BASES = {2, 8, 10, 16, 36};

    @Test
    void intAsPython() throws Exception {
        StringBuilder script = new StringBuilder("for t in lines:\n    for b in (");
        for (int base : BASES) {
            script.append(base).append(',');
        }
        script.append("""
                ):
                        try:
                            out(hex(int(t, b)))  # str() of a huge int has a limit of its own
                        except ValueError:
                            out("ValueError")
                """);
        List<String[]> python = Python3.run(script.toString(), TEXTS);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        int line = 0;
        for (String text : TEXTS) {
            for (int base : BASES) {
                BigInteger value = PythonNumbers.parseInt(text, base);
                String label = PythonRepr.string(text) + " base " + base + ": ";
                expected.add(label + python.get(line++)[0]);
                actual.add(label + (value == null ? "ValueError" : (value.signum() < 0 ? "-0x" : "0x") + value.abs().toString(16)));
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void floatAsPython() throws Exception {
        List<String[]> python = Python3.run("""
                for t in lines:
                    try:
                        out(repr(float(t)))
                    except ValueError:
                        out("ValueError")
                """, TEXTS);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            Double value = PythonNumbers.parseFloat(TEXTS.get(i));
            String label = PythonRepr.string(TEXTS.get(i)) + ": ";
            expected.add(label + python.get(i)[0]);
            actual.add(label + (value == null ? "ValueError" : PythonRepr.floatRepr(value)));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
