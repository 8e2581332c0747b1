package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.Serializers;
import io.pyrons.protocol.MessageFlags;

/**
 * pyrons' Java client in Pyro5 mode sends what a real Pyro5 5.17 client sends, and reads what Pyro5's own name
 * server answers. A replay server plays Pyro5's name server from the captured fixtures ({@link Pyro5FixturesTest},
 * {@code src/test/resources/pyro5/<serializer>/}, the one-connection session from the handshake up to
 * {@code list-after-remove}; marshal's lacks the lookup with metadata that Pyro5 gets wrong): the {@link PyroProxy}
 * makes the calls the capture script made, each of its requests
 * must match the Pyro5 client's (header and decoded payload, as {@link Pyro5FixturesTest} compares), and each result
 * (or thrown exception) must be the captured answer's value. Needs no Pyro5: CI runs it.
 */
class JavaClientPyro5FixturesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The last step of the handshake's connection; PING and the unknown-object handshake have no client API. */
    private static final String LAST_STEP = "list-after-remove";

    private final Serializers serializers = Serializers.load(JavaClientPyro5FixturesTest.class.getClassLoader());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serpent", "marshal", "json", "msgpack"})
    void javaClientSpeaksPyro5AsPyro5sClient(String serializerName) throws Exception {
        Serializer serializer = serializers.byName(serializerName).orElseThrow(
                () -> new AssertionError("serializer " + serializerName + " is not on the test class path"));
        Path directory = Pyro5FixturesTest.FIXTURES.resolve(serializerName);
        List<String> steps = new ArrayList<>();
        for (String step : Files.readAllLines(directory.resolve("steps.txt"))) {
            steps.add(step);
            if (step.endsWith("-" + LAST_STEP)) {
                break;
            }
        }
        assertTrue(steps.get(steps.size() - 1).endsWith("-" + LAST_STEP), "the captured session in " + directory);
        BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(steps.size());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread replay = new Thread(() -> replay(server, directory, steps, received), "pyro5-replay");
            replay.setDaemon(true);
            replay.start();
            ClientConfig config = ClientConfig.defaults().withProtocol(PyroProtocol.PYRO5)
                    .withSerializer(serializerName).withCommTimeout(TIMEOUT);
            try (PyroProxy ns = new PyroProxy(PyroURI.pyro("Pyro.NameServer", "127.0.0.1", server.getLocalPort()),
                    config, serializers)) {
                ns.bind();
                Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
                calls.put("ping", () -> ns.invoke("ping"));
                calls.put("register", () -> ns.invoke("register", List.of("fix.a", "PYRO:obj_a@127.0.0.1:5555"),
                        Map.of("metadata", new LinkedHashSet<>(List.of("kind:a", "\u00fcn\u00efcode")))));
                calls.put("register-safe", () -> ns.invoke("register", List.of("fix.b", "PYRO:obj_b@127.0.0.1:5556"),
                        kwargs("safe", true, "metadata", List.of("kind:b"))));
                calls.put("register-safe-duplicate", () -> ns.invoke("register",
                        List.of("fix.a", "PYRO:obj_x@127.0.0.1:5557"), kwargs("safe", true, "metadata", List.of("x"))));
                calls.put("lookup", () -> ns.invoke("lookup", "fix.a"));
                calls.put("lookup-with-metadata", () -> ns.invoke("lookup", List.of("fix.a"), Map.of("return_metadata", true)));
                calls.put("lookup-unknown", () -> ns.invoke("lookup", "fix.nope"));
                calls.put("list-prefix", () -> ns.invoke("list", List.of(), Map.of("prefix", "fix.")));
                calls.put("list-prefix-with-metadata", () -> ns.invoke("list", List.of(),
                        kwargs("prefix", "fix.", "return_metadata", true)));
                calls.put("list-regex-positional", () -> ns.invoke("list", Arrays.asList(null, "fix\\.b", true), Map.of()));
                calls.put("list-prefix-and-regex", () -> ns.invoke("list", List.of(), kwargs("prefix", "fix.", "regex", "fix")));
                calls.put("yplookup-all", () -> ns.invoke("yplookup", List.of(), Map.of("meta_all", List.of("kind:a"))));
                calls.put("yplookup-any-without-metadata", () -> ns.invoke("yplookup", List.of(),
                        kwargs("meta_any", List.of("kind:a", "kind:b"), "return_metadata", false)));
                calls.put("yplookup-both", () -> ns.invoke("yplookup", List.of(),
                        kwargs("meta_all", List.of("kind:a"), "meta_any", List.of("kind:b"))));
                calls.put("yplookup-none", () -> ns.invoke("yplookup"));
                calls.put("set-metadata", () -> ns.invoke("set_metadata", "fix.b", List.of("kind:b", "y")));
                calls.put("set-metadata-unknown", () -> ns.invoke("set_metadata", "fix.nope", List.of("z")));
                calls.put("count", () -> ns.invoke("count"));
                calls.put("remove-name", () -> ns.invoke("remove", "fix.b"));
                calls.put("remove-unknown-name-with-prefix", () -> ns.invoke("remove", List.of("fix.nope"),
                        Map.of("prefix", "fix.")));
                calls.put("remove-prefix", () -> ns.invoke("remove", List.of(), Map.of("prefix", "fix.")));
                calls.put("list-after-remove", () -> ns.invoke("list", List.of(), Map.of("prefix", "fix.")));
                Step step = new Step(serializerName, serializer, directory, received);
                for (String name : steps) {
                    String call = name.substring(name.indexOf('-') + 1); // the capture numbers its steps
                    assertTrue(call.equals("connect") || calls.containsKey(call), "a captured step without its call: " + name);
                    step.check(name, calls.get(call));
                }
            }
            replay.join(TIMEOUT.toMillis());
        }
    }

    /** One captured step: the client's request against Pyro5's, the call's outcome against Pyro5's answer. */
    private record Step(String serializerName, Serializer serializer, Path directory, BlockingQueue<byte[]> received) {
        /** {@code call} null: the handshake, which {@code bind()} made. */
        void check(String name, Supplier<Object> call) throws Exception {
            Object outcome = null;
            if (call != null) {
                try {
                    outcome = call.get();
                } catch (PythonException e) {
                    outcome = e;
                }
            }
            byte[] request = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(request != null, name + ": the client sent nothing");
            String what = serializerName + " " + name;
            Pyro5FixturesTest.compare(what + " (request)", serializer,
                    Files.readAllBytes(directory.resolve(name + ".request.bin")), request);
            if (call == null) {
                return;
            }
            byte[] answer = Files.readAllBytes(directory.resolve(name + ".response.bin"));
            int annotations = java.nio.ByteBuffer.wrap(answer).getInt(16);
            Object expected = serializer.deserializeData(Arrays.copyOfRange(answer, 40 + annotations, answer.length),
                    PyroProtocol.PYRO5);
            boolean exception = (java.nio.ByteBuffer.wrap(answer).getShort(8) & MessageFlags.EXCEPTION) != 0;
            assertEquals(exception, outcome instanceof PythonException, what + ": raised " + outcome);
            assertEquals(Pyro5FixturesTest.normalise(expected), Pyro5FixturesTest.normalise(outcome), what + ": result");
        }
    }

    /** Plays Pyro5's name server: reads each request, hands it to the test, sends the captured answer. */
    private static void replay(ServerSocket server, Path directory, List<String> steps, BlockingQueue<byte[]> received) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            for (String step : steps) {
                received.add(Pyro5FixturesTest.readMessage(socket.getInputStream()));
                out.write(Files.readAllBytes(directory.resolve(step + ".response.bin")));
                out.flush();
            }
        } catch (IOException e) {
            // the client closed or timed out: the test's own checks say what it lacked
        }
    }

    private static Map<String, Object> kwargs(Object... keysAndValues) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            kwargs.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return kwargs;
    }
}
