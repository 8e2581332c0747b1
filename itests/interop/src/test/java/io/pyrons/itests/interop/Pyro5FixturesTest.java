package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.client.Serializers;

/**
 * pyrons answers a real Pyro5 client's bytes as a real Pyro5 name server does. The requests and the answers of
 * Pyro5 5.17's own name server were captured by {@code src/test/python/pyro5_capture.py} (real Pyro5 client, real
 * Pyro5 name server, one session per serializer: handshake, each name server call, errors, a PING, a handshake for
 * an unknown object) into {@code src/test/resources/pyro5/<serializer>/}. Here the same request bytes go to
 * {@code pyrons.jar} on one connection, and every answer must match the captured one: header (version 502, type,
 * serializer id, flags, seq, magic) and payload, decoded with pyrons' serializers in Pyro5's dialect. Compared as
 * values, not bytes: correlation ids are random, Python's set order depends on its hash seed, and a traceback
 * names Pyro5's source lines (only its presence is compared). Needs no Pyro5: CI runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pyro5FixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/pyro5");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private NameServerProcess pyrons;
    private final Serializers serializers = Serializers.load(Pyro5FixturesTest.class.getClassLoader());

    @BeforeAll
    void start() {
        pyrons = NameServerProcess.start(ServerKind.PYRONS);
    }

    @AfterAll
    void stop() {
        if (pyrons != null) {
            pyrons.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serpent", "marshal", "json", "msgpack"})
    void pyronsAnswersPyro5sBytesAsPyro5sNameServer(String serializerName) throws IOException {
        Serializer serializer = serializers.byName(serializerName).orElse(null);
        Assumptions.assumeTrue(serializer != null, "no " + serializerName + " serializer on the test class path "
                + "(its bundle is not part of this build): its fixtures are not checked");
        Path directory = FIXTURES.resolve(serializerName);
        List<String> steps = Files.readAllLines(directory.resolve("steps.txt"));
        assertTrue(steps.size() > 20, "captured steps in " + directory);
        String session = null;
        Socket socket = null;
        try {
            for (String step : steps) {
                byte[] request = Files.readAllBytes(directory.resolve(step + ".request.bin"));
                byte[] expected = Files.readAllBytes(directory.resolve(step + ".response.bin"));
                if (step.endsWith("-connect") || step.endsWith("-connect-unknown-object")) {
                    if (socket != null) {
                        socket.close();
                    }
                    socket = new Socket(pyrons.host(), pyrons.port());
                    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
                    session = step;
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                byte[] actual = readMessage(socket.getInputStream());
                compare(serializerName + " " + step + " (session from " + session + ")", serializer, expected, actual);
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    static byte[] readMessage(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[40];
        data.readFully(header);
        ByteBuffer b = ByteBuffer.wrap(header);
        long length = Integer.toUnsignedLong(b.getInt(12)) + Integer.toUnsignedLong(b.getInt(16));
        byte[] message = Arrays.copyOf(header, (int) (40 + length));
        data.readFully(message, 40, (int) length);
        return message;
    }

    static void compare(String what, Serializer serializer, byte[] expected, byte[] actual) {
        ByteBuffer e = ByteBuffer.wrap(expected);
        ByteBuffer a = ByteBuffer.wrap(actual);
        assertEquals(new String(expected, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(actual, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1), what + ": PYRO and version 502");
        assertEquals(e.get(6), a.get(6), what + ": message type");
        assertEquals(e.get(7), a.get(7), what + ": serializer id");
        assertEquals(e.getShort(8), a.getShort(8), what + ": flags");
        assertEquals(e.getShort(10), a.getShort(10), what + ": seq");
        assertEquals(e.getShort(38), a.getShort(38), what + ": magic");
        assertEquals(0, a.getInt(16), what + ": no annotations");
        byte[] expectedData = Arrays.copyOfRange(expected, 40 + e.getInt(16), expected.length);
        byte[] actualData = Arrays.copyOfRange(actual, 40, actual.length);
        if (e.get(7) == 42) { // PING: plain bytes
            assertArrayEquals(expectedData, actualData, what + ": ping payload");
            return;
        }
        Object expectedValue = normalise(serializer.deserializeData(expectedData, PyroProtocol.PYRO5));
        Object actualValue = normalise(serializer.deserializeData(actualData, PyroProtocol.PYRO5));
        assertEquals(expectedValue, actualValue, what + ": payload\n expected " + new String(expectedData,
                java.nio.charset.StandardCharsets.UTF_8) + "\n actual   " + new String(actualData,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A comparable form: URIs as text, exceptions as their class, args and whether a traceback came; tuples, sets
     * and lists kept apart, the elements of sets and of lists of strings sorted (Python's set order depends on its
     * hash seed, and json and msgpack carry sets as arrays).
     */
    static Object normalise(Object value) {
        if (value instanceof PythonException x) {
            Object traceback = x.attributes().get("_pyroTraceback");
            boolean hasTraceback = traceback instanceof Collection<?> c ? !c.isEmpty()
                    : traceback instanceof Object[] t && t.length > 0;
            return List.of("exception", x.pythonType(), normalise(x.args()), hasTraceback ? "traceback" : "none");
        }
        if (value instanceof ExceptionWrapper w) {
            return List.of("wrapper", normalise(w.exception()));
        }
        if (value instanceof PyroURI uri) {
            return "URI " + uri.asString();
        }
        if (value instanceof byte[] bytes) {
            return "bytes " + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Object[] tuple) {
            return Map.of("tuple", normalise(Arrays.asList(tuple)));
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>();
            for (Object item : items) {
                list.add(normalise(item));
            }
            if (value instanceof Set || list.stream().allMatch(String.class::isInstance)) {
                list.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
            }
            return value instanceof Set ? Map.of("set", list) : list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), normalise(v)));
            return sorted;
        }
        return value;
    }

    /** The fixtures are there and complete: a capture that lost a file would silently check less. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serpent", "marshal", "json", "msgpack"})
    void everyCapturedStepHasItsRequestAndAnswer(String serializerName) throws IOException {
        Path directory = FIXTURES.resolve(serializerName);
        for (String step : Files.readAllLines(directory.resolve("steps.txt"))) {
            assertTrue(Files.size(directory.resolve(step + ".request.bin")) >= 40, step);
            assertTrue(Files.size(directory.resolve(step + ".response.bin")) >= 40, step);
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }
}
