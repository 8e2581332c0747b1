package io.pyrons.serializer.msgpack;

import static io.pyrons.api.PyroProtocol.PYRO5;
import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;
import static io.pyrons.api.serializer.PyValues.set;
import static io.pyrons.api.serializer.PyValues.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The codec against real msgpack-python (/usr/bin/python3 with Debian's python3-msgpack, which CI installs), both
 * ways, without Pyro5: what Java writes, Python reads as Pyro5 does ({@code raw=False}) and writes again as Pyro5
 * does ({@code use_bin_type=True}) to the same bytes; what Python writes (src/test/python/msgpack_roundtrip.py's
 * values: every int, str, bin, array and map format boundary), Java reads and writes again to the same bytes.
 */
class MsgpackPythonTest {
    private static final String PYTHON = "/usr/bin/python3";
    private final MsgpackSerializer serializer = new MsgpackSerializer();

    /** Java-built values: every type of the value model, Pyro's types as Pyro5's class dicts. */
    private static List<Object> javaValues() {
        return list(null, true, 0, (byte) -1, (short) 300, 70_000, Long.MAX_VALUE, Long.MIN_VALUE,
                BigInteger.TWO.pow(64).subtract(BigInteger.ONE), BigInteger.TWO.pow(64), BigInteger.TWO.pow(200).negate(),
                2.5, 0.1f, Double.NaN, "", "x".repeat(40), "\u00e9\ud83d\ude00", 'c', new byte[] {0, (byte) 0xff},
                new byte[70_000], tuple(1, tuple()), set("only"), list(list()), dict("k", dict()),
                PyroURI.parse("PYRO:obj@localhost:5555"), PyroURI.parse("PYROMETA:a"),
                new NamingError("unknown name: x"), new ExceptionWrapper(PythonException.valueError("bad")));
    }

    @Test
    void pythonReadsWhatJavaWritesAndJavaReadsWhatPythonWrites() throws Exception {
        List<byte[]> ours = new ArrayList<>();
        for (Object value : javaValues()) {
            ours.add(serializer.serializeData(value, PYRO5));
        }
        List<String> lines = runPython(ours);
        int again = 0;
        int python = 0;
        for (String line : lines) {
            if (line.startsWith("again ")) {
                byte[] written = ours.get(again);
                assertEquals(HexFormat.of().formatHex(written), line.substring(6), "value " + again + " back from Python");
                again++;
            } else if (line.startsWith("python ")) {
                byte[] pythons = HexFormat.of().parseHex(line.substring(7));
                assertEquals(line.substring(7), HexFormat.of().formatHex(serializer.serializeData(serializer.deserializeData(pythons, PYRO5), PYRO5)),
                        "Python's value " + python + " written again");
                python++;
            }
        }
        assertEquals(ours.size(), again, "values Python read back: " + lines);
        assertTrue(python > 50, "values Python wrote: " + python);
    }

    private static List<String> runPython(List<byte[]> messages) throws IOException, InterruptedException {
        Path script = Path.of("src/test/python/msgpack_roundtrip.py");
        Process p = new ProcessBuilder(PYTHON, script.toString()).redirectErrorStream(true).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                for (byte[] message : messages) {
                    in.write((HexFormat.of().formatHex(message) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
            assertEquals(0, p.exitValue(), PYTHON + " " + script + " (needs python3-msgpack) failed: " + out);
            return out.lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }

}
