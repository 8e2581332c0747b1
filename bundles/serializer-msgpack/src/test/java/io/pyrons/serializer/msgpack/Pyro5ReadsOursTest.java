package io.pyrons.serializer.msgpack;

import static io.pyrons.api.PyroProtocol.PYRO5;
import static io.pyrons.api.serializer.PyValues.list;
import static io.pyrons.api.serializer.PyValues.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real Pyro5 reads what we write into its own classes (src/test/python/check_pyro5.py): URIs as
 * {@code Pyro5.core.URI}, errors as {@code Pyro5.errors.*} with {@code _pyroTraceback}, the batch wrapper, a call.
 * Pyro5 is not packaged by Debian: the test needs PYRO5_SOURCES, a checkout of https://github.com/irmen/Pyro5, and is
 * skipped without it (the committed fixtures of {@link Pyro5FixturesTest} cover the bytes without it).
 */
class Pyro5ReadsOursTest {
    private final MsgpackSerializer serializer = new MsgpackSerializer();

    @Test
    void pyro5RecreatesItsOwnClasses() throws Exception {
        String src = System.getenv("PYRO5_SOURCES");
        assumeTrue(src != null && Files.isDirectory(Path.of(src, "Pyro5")),
                "skipped: set PYRO5_SOURCES to a checkout of https://github.com/irmen/Pyro5 to have real Pyro5 read our msgpack");
        Map<String, String> sent = new LinkedHashMap<>();
        PyroURI uri = PyroURI.parse("PYRO:obj@localhost:5555");
        NamingError error = (NamingError) PythonException.of("Pyro4.errors.NamingError", List.of("unknown name: x"),
                Map.of("_pyroTraceback", List.of("Traceback (most recent call last):\n")));
        sent.put("uri", "data " + hex(serializer.serializeData(uri, PYRO5)));
        sent.put("meta_uri", "data " + hex(serializer.serializeData(PyroURI.parse("PYROMETA:a"), PYRO5)));
        sent.put("error", "data " + hex(serializer.serializeData(error, PYRO5)));
        sent.put("builtin", "data " + hex(serializer.serializeData(PythonException.typeError("bad"), PYRO5)));
        sent.put("wrapper", "data " + hex(serializer.serializeData(new ExceptionWrapper(error), PYRO5)));
        sent.put("big", "data " + hex(serializer.serializeData(BigInteger.TWO.pow(100).negate(), PYRO5)));
        sent.put("lookup_meta", "data " + hex(serializer.serializeData(new Object[] {uri, set("a")}, PYRO5)));
        sent.put("call", "call " + hex(serializer.serializeCall(new Invocation("Pyro.NameServer", "register",
                list("a.b", uri), Map.of("safe", true)), PYRO5)));

        Map<String, String> read = runPyro5(src, sent);
        assertEquals("Pyro5.core.URI PYRO:obj@localhost:5555", read.get("uri"));
        assertEquals("Pyro5.core.URI PYROMETA:a", read.get("meta_uri"));
        assertEquals("Pyro5.errors.NamingError ('unknown name: x',) ['Traceback (most recent call last):\\n']", read.get("error"));
        assertEquals("builtins.TypeError ('bad',) None", read.get("builtin"));
        assertEquals("Pyro5.core._ExceptionWrapper:Pyro5.errors.NamingError ('unknown name: x',) "
                + "['Traceback (most recent call last):\\n']", read.get("wrapper"));
        assertEquals("builtins.int -1267650600228229401496703205376", read.get("big"));
        assertTrue(read.get("lookup_meta").startsWith("builtins.list [<Pyro5.core.URI at "), read.get("lookup_meta"));
        assertTrue(read.get("lookup_meta").endsWith("PYRO:obj@localhost:5555>, ['a']]"), read.get("lookup_meta"));
        assertTrue(read.get("call").startsWith("builtins.list ['Pyro.NameServer', 'register', ['a.b', <Pyro5.core.URI at "),
                read.get("call"));
        assertTrue(read.get("call").endsWith("PYRO:obj@localhost:5555>], {'safe': True}]"), read.get("call"));
    }

    private static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    private static Map<String, String> runPyro5(String src, Map<String, String> sent) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "src/test/python/check_pyro5.py").redirectErrorStream(true);
        pb.environment().put("PYRO5_SOURCES", src);
        Process p = pb.start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                for (Map.Entry<String, String> e : sent.entrySet()) {
                    in.write((e.getKey() + " " + e.getValue() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
            assertEquals(0, p.exitValue(), "check_pyro5.py failed: " + out);
            Map<String, String> read = new LinkedHashMap<>();
            out.lines().forEach(line -> read.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)));
            assertEquals(sent.keySet(), read.keySet(), out);
            return read;
        } finally {
            p.destroyForcibly();
        }
    }
}
