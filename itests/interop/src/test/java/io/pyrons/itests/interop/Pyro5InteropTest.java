package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pyrons.api.CommunicationError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.Serializers;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageType;
import io.pyrons.protocol.Pyro5Codec;

/**
 * Pyro5 clients on pyrons' one port, beside Pyro4 clients, in one namespace.
 *
 * <p>Without Pyro5 (CI): real Pyro4 clients (Debian's python3-pyro4) and a Pyro5 client speaking protocol 502 with
 * pyrons' own {@link Pyro5Codec} and serpent (whose bytes {@link Pyro5FixturesTest} checks against real Pyro5's) share
 * names both ways; a Pyro5 client is refused with a readable reason, in Pyro5's framing, when an HMAC key is set.
 *
 * <p>With real Python Pyro5 clients, run from a Pyro5 checkout named by the environment variable
 * {@code PYRO5_SOURCES} (skipped, saying so, without it): the whole name server API gives the same transcript as
 * Pyro5's own name server (started from the same sources), the calls Pyro5's name server gets wrong work here, and
 * Pyro4 and Pyro5 clients share registrations, metadata and PYRONAME resolution.
 */
class Pyro5InteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@(.+):(\\d+)$");

    // ---- without Pyro5: a Pyro5 client of our own against real Pyro4 clients

    @Test
    void pyro4ClientsAndAPyro5ClientShareNamesOnOnePort() throws IOException {
        Python python = Python.locate();
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS);
             RawPyro5Client pyro5 = RawPyro5Client.connect(pyrons.host(), pyrons.port(), "serpent")) {
            String host = pyrons.host();
            String port = String.valueOf(pyrons.port());
            ProcessResult registered = python.run("pyro4_mixed.py",
                    List.of(host, port, "register", "mix.four", "PYRO:four@127.0.0.1:4444", "from:pyro4", "tag"), Map.of(), TIMEOUT);
            assertEquals(0, registered.exitCode(), registered.toString());

            Object[] found = assertInstanceOf(Object[].class, pyro5.call("lookup", "mix.four", true));
            assertEquals(PyroURI.parse("PYRO:four@127.0.0.1:4444"), found[0]);
            assertEquals(Set.of("from:pyro4", "tag"), found[1], "Pyro5 gets the metadata as a set");

            pyro5.call("register", "mix.five", "PYRO:five@127.0.0.1:5555", false, List.of("from:pyro5"));
            ProcessResult looked = python.run("pyro4_mixed.py", List.of(host, port, "lookup", "mix.five"), Map.of(), TIMEOUT);
            assertEquals(0, looked.exitCode(), looked.toString());
            assertEquals(List.of(
                    "lookup PYRO:five@127.0.0.1:5555 ['from:pyro5']",
                    "resolve PYRO:five@127.0.0.1:5555",
                    "self ['class:Pyro4.naming.NameServer', 'class:Pyro5.nameserver.NameServer']"),
                    looked.stdout().strip().lines().toList());

            @SuppressWarnings("unchecked")
            Map<String, Object> listed = (Map<String, Object>) pyro5.call("list", "mix.", null, true);
            assertEquals(List.of("mix.five", "mix.four"), List.copyOf(new TreeSet<>(listed.keySet())));
            assertEquals(Set.of("from:pyro5"), ((Object[]) listed.get("mix.five"))[1]);
            assertEquals(2L, pyro5.call("remove", null, "mix."));
        }
    }

    @Test
    void withAnHmacKeyAPyro5ClientIsRefusedWithTheReasonInItsOwnFraming() throws IOException {
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, Map.of("PYRO_HMAC_KEY", "secret"));
             Socket socket = new Socket(pyrons.host(), pyrons.port())) {
            Serializer serpent = serializer("serpent");
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("handshake", "hello");
            hello.put("object", "Pyro.NameServer");
            socket.getOutputStream().write(new Pyro5Codec(0).encode(new Message(MessageType.CONNECT, 0, 0, 1,
                    serpent.serializeData(hello, PyroProtocol.PYRO5))));
            Message answer = RawPyro5Client.read(socket);
            assertEquals(MessageType.CONNECTFAIL, answer.type());
            assertEquals("Pyro5 clients are refused: this server requires an HMAC key, which Pyro5 cannot send "
                    + "(set hmac.pyro5.accepted to serve them without it)",
                    serializer("marshal").deserializeData(answer.data(), PyroProtocol.PYRO5));
            assertEquals(2, answer.serializerId(), "marshal, Pyro5's id for it");
        }
    }

    @Test
    void theJavaClientInPyro5ModeReadsARefusalInAnotherSerializer() {
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, Map.of("PYRO_HMAC_KEY", "secret"));
             PyroProxy proxy = new PyroProxy(PyroURI.pyro("Pyro.NameServer", pyrons.host(), pyrons.port()),
                     ClientConfig.defaults().withProtocol(PyroProtocol.PYRO5).withSerializer("json"),
                     Serializers.load(Pyro5InteropTest.class.getClassLoader()))) {
            CommunicationError refused = assertThrows(CommunicationError.class, proxy::bind);
            assertEquals("connection to ('" + pyrons.host() + "', " + pyrons.port() + ") rejected: Pyro5 clients are "
                    + "refused: this server requires an HMAC key, which Pyro5 cannot send (set hmac.pyro5.accepted to "
                    + "serve them without it)", refused.getMessage(), "the answer comes in marshal, the proxy asked in json");
        }
    }

    // ---- real Python Pyro5 clients (PYRO5_SOURCES)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serpent", "json", "marshal", "msgpack"})
    void realPyro5ClientsGetThePyro5NameServersAnswers(String serializer) {
        Path sources = pyro5Sources();
        Python python = Python.locate();
        Map<String, String> env = Map.of("PYRO5_SOURCES", sources.toString());
        ManagedProcess real = startPyro5NameServer(python, sources);
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            Matcher uri = real.awaitStdoutLine(List.of("Pyro5.nameserver"), URI_LINE, "'URI = ' line", TIMEOUT);
            ProcessResult expected = python.run("pyro5_session.py", List.of(uri.group(1), uri.group(2), serializer, "api"), env, TIMEOUT);
            ProcessResult actual = python.run("pyro5_session.py",
                    List.of(pyrons.host(), String.valueOf(pyrons.port()), serializer, "api"), env, TIMEOUT);
            assertEquals(0, expected.exitCode(), expected.toString());
            assertTrue(expected.stdout().contains("yplookup both builtins.ValueError"), expected.stdout());
            assertEquals(expected.stdout(), actual.stdout(), "pyrons against Pyro5's own name server, " + serializer);
        } finally {
            real.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serpent", "json", "marshal", "msgpack"})
    void whatPyro5sNameServerGetsWrongWorksHere(String serializer) {
        Path sources = pyro5Sources();
        Python python = Python.locate();
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            ProcessResult result = python.run("pyro5_session.py", List.of(pyrons.host(), String.valueOf(pyrons.port()),
                    serializer, "fixed"), Map.of("PYRO5_SOURCES", sources.toString()), TIMEOUT);
            assertEquals(0, result.exitCode(), result.toString());
            String empty = serializer.equals("marshal") ? "{}" : "[]"; // marshal carries an empty set as such
            assertEquals(List.of(
                    "register without metadata None",
                    "list with metadata {'p5.plain': ['PYRO:plain@127.0.0.1:7000', " + empty + "]}",
                    "lookup with metadata [URI(PYRO:plain@127.0.0.1:7000), " + empty + "]"),
                    result.stdout().strip().lines().toList());
        }
    }

    @Test
    void realPyro4AndPyro5ClientsShareNames() {
        Path sources = pyro5Sources();
        Python python = Python.locate();
        Map<String, String> env = Map.of("PYRO5_SOURCES", sources.toString());
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            String host = pyrons.host();
            String port = String.valueOf(pyrons.port());
            assertEquals(0, python.run("pyro4_mixed.py", List.of(host, port, "register", "mix.four",
                    "PYRO:four@127.0.0.1:4444", "from:pyro4"), Map.of(), TIMEOUT).exitCode());
            ProcessResult five = python.run("pyro5_session.py", List.of(host, port, "serpent", "lookup", "mix.four"), env, TIMEOUT);
            assertEquals(List.of("lookup [URI(PYRO:four@127.0.0.1:4444), {'from:pyro4'}]",
                    "resolve URI(PYRO:four@127.0.0.1:4444)"), five.stdout().strip().lines().toList(), five.toString());
            assertEquals(0, python.run("pyro5_session.py", List.of(host, port, "marshal", "register", "mix.five",
                    "PYRO:five@127.0.0.1:5555", "from:pyro5"), env, TIMEOUT).exitCode());
            ProcessResult four = python.run("pyro4_mixed.py", List.of(host, port, "lookup", "mix.five"), Map.of(), TIMEOUT);
            assertEquals("lookup PYRO:five@127.0.0.1:5555 ['from:pyro5']", four.stdout().strip().lines().findFirst().orElse(""),
                    four.toString());
        }
    }

    /** The Pyro5 checkout the real-client tests run from, or a skip that says how to enable them. */
    static Path pyro5Sources() {
        String value = System.getenv("PYRO5_SOURCES");
        Assumptions.assumeTrue(value != null && Files.isDirectory(Path.of(value, "Pyro5")),
                "PYRO5_SOURCES is not set to a Pyro5 checkout (a directory holding Pyro5/): the tests with real Python "
                        + "Pyro5 clients are skipped (e.g. git clone https://github.com/irmen/Pyro5 /tmp/Pyro5; "
                        + "PYRO5_SOURCES=/tmp/Pyro5)");
        return Path.of(value);
    }

    static ManagedProcess startPyro5NameServer(Python python, Path sources) {
        return ManagedProcess.start("Pyro5.nameserver",
                List.of(python.interpreter(), "-m", "Pyro5.nameserver", "-n", "127.0.0.1", "-p", "0", "-x"),
                Map.of("PYTHONPATH", sources.toString(), "PYTHONUNBUFFERED", "1"));
    }

    private static Serializer serializer(String name) {
        return Serializers.load(Pyro5InteropTest.class.getClassLoader()).byName(name)
                .orElseThrow(() -> new AssertionError("serializer " + name + " is not on the test class path"));
    }

    /** A Pyro5 client: protocol 502 through pyrons' codec, one connection, calls on Pyro.NameServer (JmxMetricsTest too). */
    static final class RawPyro5Client implements AutoCloseable {
        private final Socket socket;
        private final Serializer serializer;
        private final int serializerId;
        private final Pyro5Codec codec = new Pyro5Codec(0);
        private int seq;

        private RawPyro5Client(Socket socket, Serializer serializer) {
            this.socket = socket;
            this.serializer = serializer;
            this.serializerId = serializer.id(PyroProtocol.PYRO5).orElseThrow();
        }

        static RawPyro5Client connect(String host, int port, String serializerName) throws IOException {
            Socket socket = new Socket(host, port);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            RawPyro5Client client = new RawPyro5Client(socket, serializer(serializerName));
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("handshake", "hello");
            hello.put("object", "Pyro.NameServer");
            Message answer = client.exchange(MessageType.CONNECT, client.serializer.serializeData(hello, PyroProtocol.PYRO5));
            assertEquals(MessageType.CONNECTOK, answer.type(), "handshake");
            Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) client.serializer.deserializeData(answer.data(), PyroProtocol.PYRO5)).get("meta");
            Object methods = meta.get("methods");
            assertEquals(Set.of("count", "list", "lookup", "ping", "register", "remove", "set_metadata", "yplookup"),
                    methods instanceof List<?> list ? Set.copyOf(list) : methods, "a set (json has none: a list)");
            return client;
        }

        Object call(String method, Object... args) throws IOException {
            byte[] data = serializer.serializeCall(new Invocation("Pyro.NameServer", method, Arrays.asList(args), Map.of()),
                    PyroProtocol.PYRO5);
            Message answer = exchange(MessageType.INVOKE, data);
            assertEquals(MessageType.RESULT, answer.type());
            assertFalse(answer.hasFlag(1), () -> method + " failed: "
                    + serializer.deserializeData(answer.data(), PyroProtocol.PYRO5));
            return serializer.deserializeData(answer.data(), PyroProtocol.PYRO5);
        }

        private Message exchange(int type, byte[] data) throws IOException {
            seq = (seq + 1) & 0xffff;
            socket.getOutputStream().write(codec.encode(new Message(type, 0, seq, serializerId, data)));
            Message answer = read(socket);
            assertEquals(seq, answer.seq(), "the answer echoes the seq");
            return answer;
        }

        static Message read(Socket socket) throws IOException {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[40];
            in.readFully(header);
            ByteBuffer b = ByteBuffer.wrap(header);
            int length = (int) (Integer.toUnsignedLong(b.getInt(12)) + Integer.toUnsignedLong(b.getInt(16)));
            byte[] message = Arrays.copyOf(header, 40 + length);
            in.readFully(message, 40, length);
            return new Pyro5Codec(0).decode(message);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
