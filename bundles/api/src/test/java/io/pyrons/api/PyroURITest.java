package io.pyrons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@link PyroURI#parse} against Pyro4 4.82's {@code Pyro4.core.URI} itself (run by /usr/bin/python3), for both forms
 * a parse makes: the text sliced (PYRO, PYRONAME) and the parts (PYROMETA).
 */
class PyroURITest {
    private static final List<String> TEXTS = List.of(
            "PYRO:obj@host:1234", "pyro:obj@host:01234", "PyRo:o@h: 1", "PYRO:obj_1@127.0.0.1:51850",
            "PYRO:obj@./u:/tmp/ns.sock", "PYRO:obj@[::1]:9999", "PYRO:obj@[fe80::1%eth0]:1", "PYRO:o@:5",
            "PYRO:o@h:1\n", "PYRO:o@h:-7", "PYRO:a@b@c:5",
            "PYRONAME:name", "PYRONAME:name@host", "pyroname:name@host:9091", "PYRONAME:a@b@c:5", "PYRONAME:a@",
            "PYRONAME:n@[::1]junk", "PYRONAME:n@[::1]:7junk", "PYRONAME:x\n", "PYRONAME:n@./u:s",
            "PYROMETA:a,b@host:1", "PYROMETA:a , b", "pyrometa:x",
            "PYRO:obj@host", "PYRO:obj", "PYRO:obj@", "FOO:x@h:1", "PYROX:x@h:1", "nonsense", "PYRO:o@h:x",
            "PYRO:o@h:1junk", "PYRO:o@[[::1]]:1", "PYRO:o@[zz]:1", "PYRO:o@[::1]junk", "PYRO:o@./u:", "PYRO:o@./u:a:b",
            "PYRO: o@h:1", "PYRO:o p@h:1");

    private static final String PYTHON = String.join("\n",
            "import sys, Pyro4.core",
            "for text in sys.stdin.read().split('\\0'):",
            "    try:",
            "        u = Pyro4.core.URI(text)",
            "        obj = ','.join(sorted(u.object)) if isinstance(u.object, set) else u.object",
            "        text = '(a set: in any order)' if isinstance(u.object, set) else str(u)",
            "        print(repr((u.protocol, obj, u.sockname, u.host, u.port, text)))",
            "    except Exception as e:",
            "        print(repr((type(e).__name__, str(e))))");

    @Test
    void partsAndStringFormAreThoseOfPyro4() throws Exception {
        List<String> expected = pyro4(TEXTS);
        List<String> actual = new ArrayList<>();
        for (String text : TEXTS) {
            actual.add(describe(text));
        }
        assertEquals(expected, actual);
    }

    @Test
    void slicedAndPartsFormsAreEqualAsValues() {
        PyroURI sliced = PyroURI.parse("pyro:obj@host:01234");
        assertInstanceOf(PyroURI.Sliced.class, sliced);
        PyroURI parts = PyroURI.pyro("obj", "host", 1234);
        assertEquals(parts, sliced);
        assertEquals(sliced, parts);
        assertEquals(parts.hashCode(), sliced.hashCode());
        assertEquals("pyro:obj@host:01234", sliced.text());
        assertNull(parts.text());
        assertEquals(PyroURI.pyroUnix("o", "/tmp/s"), PyroURI.parse("PYRO:o@./u:/tmp/s"));
        assertEquals("PYRO:obj@10.0.0.1:7", sliced.withHostPort("10.0.0.1", 7).asString());
        assertInstanceOf(PyroURI.Parts.class, PyroURI.parse("PYROMETA:a,b"));
        assertEquals(Set.of("a", "b"), PyroURI.parse("pyrometa:b,a@h").metadata());
        assertEquals("pyrometa:b,a@h", PyroURI.parse("pyrometa:b,a@h").text());
    }

    @Test
    void aNameServerPortOtherThanTheDefault() {
        assertEquals(9999, PyroURI.parse("PYRONAME:n@host", 9999).port());
        assertNull(PyroURI.parse("PYRONAME:n", 9999).port());
    }

    @Test
    void onlyAFinalNewlineEndsTheUriAsInPython() {
        // what Pyro4 4.82 on Python 3.11 answers: Python's $ matches only before a final \n, and its . takes any
        // other line terminator into the location (int() then strips it from a port)
        for (String end : List.of("\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029")) {
            PyroURI uri = PyroURI.parse("PYRO:o@h:1" + end);
            assertEquals("h", uri.host(), end);
            assertEquals(1, uri.port(), end);
            assertEquals("PYRO:o@h:1", uri.asString(), end);
            String unixEnd = end.equals("\n") ? "" : end.equals("\r\n") ? "\r" : end;
            assertEquals("PYRO:o@./u:/s" + unixEnd, PyroURI.parse("PYRO:o@./u:/s" + end).asString(), end);
            if (end.equals("\n")) {
                assertEquals("PYRONAME:n", PyroURI.parse("PYRONAME:n" + end).asString());
            } else {
                var e = assertThrows(PyroError.class, () -> PyroURI.parse("PYRONAME:n" + end), end);
                assertEquals("invalid uri", e.getMessage());
            }
        }
    }

    @Test
    void registrationKeepsTheTextAndTheParse() {
        Registration r = new Registration("a", "pyro:obj@host:01234", List.of("x"));
        assertEquals("pyro:obj@host:01234", r.uri());
        assertEquals("PYRO:obj@host:1234", r.parsedUri().asString());
        assertEquals(r, r.withMetadata(Set.of("x")));
        assertEquals(Set.of("y"), r.withMetadata(List.of("y")).metadata());
        Registration built = new Registration("b", PyroURI.pyro("o", "h", 1), null);
        assertEquals("PYRO:o@h:1", built.uri());
        assertEquals(Set.of(), built.metadata());
    }

    @Test
    void aStoredTextThatDoesNotParseIsListedAndFailsLookupAsInPyro4() {
        Registration r = new Registration("bad", "nonsense", Set.of());
        assertEquals("nonsense", r.uri());
        assertEquals("invalid uri", assertThrows(PyroError.class, r::parsedUri).getMessage());
        assertEquals(new Registration("bad", "nonsense", List.of()), r);
    }

    private static String describe(String text) {
        try {
            PyroURI u = PyroURI.parse(text);
            String object = u.metadata() != null ? String.join(",", new TreeSet<>(u.metadata())) : u.object();
            return "(" + repr(u.protocol()) + ", " + repr(object) + ", " + repr(u.sockname()) + ", " + repr(u.host())
                    + ", " + (u.port() == null ? "None" : u.port()) + ", "
                    + repr(u.metadata() != null ? "(a set: in any order)" : u.asString()) + ")";
        } catch (PythonException e) {
            return "(" + repr(e.pythonType().substring(e.pythonType().lastIndexOf('.') + 1)) + ", "
                    + repr(e.getMessage()) + ")";
        }
    }

    /** Python's repr of a str made of printable ASCII, or None. */
    private static String repr(String s) {
        if (s == null) {
            return "None";
        }
        return s.contains("'") ? '"' + s + '"' : "'" + s + "'";
    }

    private static List<String> pyro4(List<String> texts) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PYTHON).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(String.join("\0", texts).getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("python3 with Pyro4 failed: " + out);
            }
            return out.lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }
}
