package io.pyrons.protocol.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code repr(str)} against what Python 3.11 prints, from python-repr-strings.txt (made by
 * src/test/python/capture_repr.py): every ASCII and Latin-1 character alone and inside plain text, quotes,
 * backslashes, non-printables, surrogates and characters beyond the BMP.
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
