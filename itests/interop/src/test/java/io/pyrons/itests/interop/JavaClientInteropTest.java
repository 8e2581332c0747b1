package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.NamingError;
import io.pyrons.api.PythonException;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.NameServerLocator;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.Serializers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pyrons's Java client (io.pyrons.client, issue 6) with the serpent serializer from ServiceLoader: it locates the
 * name server of pyrons.jar (and, proving the test, of pyro4-ns), resolves {@code PYRONAME:} and
 * {@code PYROMETA:} URIs through it, and calls a real Python Pyro4 object (src/test/python/echo_object.py)
 * registered there.
 */
class JavaClientInteropTest {

    private static final Duration ECHO_STARTUP = Duration.ofSeconds(20);
    private final Python python = Python.locate();
    private final NameServerLocator locator = new NameServerLocator(ClientConfig.defaults(),
            Serializers.load(JavaClientInteropTest.class.getClassLoader()));

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void javaClientCallsPythonObjectThroughTheNameServer(ServerKind kind) throws Exception {
        try (NameServerProcess server = NameServerProcess.start(kind)) {
            String at = "@127.0.0.1:" + server.port();
            try (PyroProxy ns = locator.locate("127.0.0.1", server.port())) {
                assertEquals("PYRO:Pyro.NameServer" + at, ns.uri().asString());
                assertEquals(1, ((Number) ns.invoke("count")).intValue());
            }
            Path dir = Files.createTempDirectory("pyrons-echo");
            Process echo = python.start("echo_object.py", List.of("127.0.0.1", Integer.toString(server.port())),
                    dir.resolve("out"), dir.resolve("err"));
            try {
                String echoUri = awaitLine(echo, dir.resolve("out"), dir.resolve("err"));
                assertTrue(echoUri.startsWith("PYRO:interop.echo@127.0.0.1:"), echoUri);

                assertEquals(echoUri, locator.resolve("PYRONAME:interop.echo" + at).asString());
                assertEquals(echoUri, locator.resolve("PYROMETA:interop,echo" + at).asString());
                NamingError unknown = assertThrows(NamingError.class,
                        () -> locator.resolve("PYRONAME:no.such.name" + at));
                assertEquals("unknown name: no.such.name", unknown.getMessage());

                try (PyroProxy proxy = locator.proxy("PYRONAME:interop.echo" + at)) {
                    assertEquals("hello from java", proxy.invoke("echo", "hello from java"));
                    assertEquals(42L, ((Number) proxy.invoke("add", 40, 2)).longValue());
                    assertEquals(List.of("a", 1L, Map.of("k", "v")),
                            normalizeNumbers(proxy.invoke("echo", List.of("a", 1, Map.of("k", "v")))));
                    PythonException failed = assertThrows(PythonException.class, () -> proxy.invoke("fail", "boom"));
                    assertEquals("builtins.ValueError", failed.pythonType());
                    assertEquals("boom", failed.getMessage());
                    // as Pyro4's Proxy: calls resolve the name but keep the PYRONAME uri; only bind() replaces it
                    assertEquals("PYRONAME:interop.echo" + at, proxy.uri().asString());
                }
                try (PyroProxy proxy = locator.proxy("PYRONAME:interop.echo" + at)) {
                    assertTrue(proxy.bind());
                    assertEquals(echoUri, proxy.uri().asString());
                    assertTrue(proxy.methods().containsAll(List.of("echo", "add", "fail")), proxy.methods().toString());
                }
                try (PyroProxy proxy = locator.proxy("PYROMETA:echo" + at)) {
                    assertEquals("meta", proxy.invoke("echo", "meta"));
                }
            } finally {
                echo.destroy(); // SIGTERM to this process's PID
                if (!echo.waitFor(10, TimeUnit.SECONDS)) {
                    echo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                deleteQuietly(dir);
            }
            assertTrue(server.isAlive(), server.output());
        }
    }

    private static Object normalizeNumbers(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(JavaClientInteropTest::normalizeNumbers).toList();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    /** The URI line the echo server prints once it is registered, or a failure with its output. */
    private static String awaitLine(Process echo, Path out, Path err) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ECHO_STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out);
            if (text.contains("\n")) {
                return text.substring(0, text.indexOf('\n')).strip();
            }
            if (!echo.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("echo_object.py printed no URI (alive: " + echo.isAlive() + ")\n"
                + Files.readString(out) + "\n" + Files.readString(err));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
