package io.pyrons.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.pyrons.api.CommunicationError;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.TimeoutError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.serializer.serpent.SerpentSerializer;

/** {@link PyroProxy} against real Pyro4: the name server, its daemon, and a Python object. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyroProxyTest {
    private static final Pattern URI_LINE = Pattern.compile("^(PYRO:\\S+)$");

    private final Serializers serializers = Serializers.of(List.of(new SerpentSerializer()));
    private final ClientConfig config = ClientConfig.defaults();
    private PythonPyro.NameServerProcess ns;
    private PythonPyro.RunningProcess echo;
    private String echoUri;

    @BeforeAll
    void start() {
        ns = new PythonPyro.NameServerProcess(Map.of());
        echo = PythonPyro.startEchoServer(ns.port(), null);
        echoUri = echo.await(URI_LINE, Duration.ofSeconds(30)).group(1);
    }

    @AfterAll
    void stop() {
        if (echo != null) {
            echo.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private PyroProxy proxy(String uri) {
        return new PyroProxy(uri, config, serializers);
    }

    @Test
    void callsTheNameServer() {
        try (PyroProxy proxy = proxy(ns.uri())) {
            assertNull(proxy.invoke("ping"));
            assertTrue(proxy.methods().containsAll(Set.of("lookup", "list", "register", "remove", "set_metadata", "count", "ping")));
            Object uri = proxy.invoke("lookup", "Pyro.NameServer");
            assertEquals(PyroURI.parse(ns.uri()), uri);
            assertTrue(((Number) proxy.invoke("count")).intValue() >= 2);
        }
    }

    @Test
    void remoteErrorsArriveAsTheirJavaClasses() {
        try (PyroProxy proxy = proxy(ns.uri())) {
            NamingError unknown = assertThrows(NamingError.class, () -> proxy.invoke("lookup", "no.such.name"));
            assertEquals("unknown name: no.such.name", unknown.getMessage());
            assertEquals("Pyro4.errors.NamingError", unknown.pythonType());
            PyroError invalid = assertThrows(PyroError.class, () -> proxy.invoke("register", "x", "not a uri"));
            assertEquals("invalid uri", invalid.getMessage());
            PythonException valueError = assertThrows(PythonException.class,
                    () -> proxy.invoke("list", List.of(), Map.of("prefix", "a", "regex", "b")));
            assertEquals("builtins.ValueError", valueError.pythonType());
            assertEquals("you can only filter on one thing at a time", valueError.getMessage());
            // the connection survives remote errors
            assertNull(proxy.invoke("ping"));
        }
    }

    @Test
    void unknownMethodIsRefusedOnTheClientSideAsPyro4Does() {
        try (PyroProxy proxy = proxy(ns.uri())) {
            PythonException e = assertThrows(PythonException.class, () -> proxy.invoke("yplookup"));
            assertEquals("builtins.AttributeError", e.pythonType());
            assertEquals("remote object '" + ns.uri() + "' has no exposed attribute or method 'yplookup'", e.getMessage());
        }
    }

    @Test
    void callsTheDaemonObject() {
        try (PyroProxy proxy = proxy(ns.uri())) {
            proxy.daemonPing();
            assertTrue(proxy.daemonRegistered().containsAll(List.of("Pyro.NameServer", "Pyro.Daemon")));
            assertTrue(proxy.daemonInfo().startsWith("Pyro.Daemon bound on 127.0.0.1:" + ns.port()), proxy.daemonInfo());
            Map<String, Object> meta = proxy.daemonMetadata("Pyro.NameServer");
            assertTrue(((java.util.Collection<?>) meta.get("methods")).contains("lookup"));
        }
    }

    @Test
    void unknownObjectIsRejectedAtConnect() {
        String uri = "PYRO:no.such.object@127.0.0.1:" + ns.port();
        try (PyroProxy proxy = proxy(uri)) {
            CommunicationError e = assertThrows(CommunicationError.class, proxy::bind);
            assertEquals("connection to ('127.0.0.1', " + ns.port() + ") rejected: unknown object", e.getMessage());
            assertFalse(proxy.isConnected());
        }
    }

    @Test
    void refusedConnectionIsACommunicationError() throws Exception {
        int freePort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        try (PyroProxy proxy = proxy("PYRO:x@127.0.0.1:" + freePort)) {
            CommunicationError e = assertThrows(CommunicationError.class, () -> proxy.invoke("ping"));
            assertTrue(e.getMessage().startsWith("cannot connect to ('127.0.0.1', " + freePort + "): "), e.getMessage());
        }
    }

    @Test
    void callsAPythonObjectThroughPyronameAndPyrometa() {
        try (PyroProxy proxy = proxy("PYRONAME:test.echo@127.0.0.1:" + ns.port())) {
            assertEquals(List.of(1L, "two", 3.5), proxy.invoke("echo", List.of(1L, "two", 3.5)));
            assertEquals(7L, proxy.invoke("add", List.of(3L), Map.of("b", 4L)));
            assertTrue(proxy.bind() == false);
        }
        try (PyroProxy proxy = proxy("PYRONAME:test.echo@127.0.0.1:" + ns.port())) {
            proxy.bind();
            assertEquals(PyroURI.parse(echoUri), proxy.uri());
        }
        try (PyroProxy proxy = proxy("PYROMETA:java.test,echo@127.0.0.1:" + ns.port())) {
            assertEquals("hi", proxy.invoke("echo", "hi"));
        }
    }

    @Test
    void pythonExceptionsKeepTheirTypeAndTraceback() {
        try (PyroProxy proxy = proxy(echoUri)) {
            PythonException e = assertThrows(PythonException.class, () -> proxy.invoke("fail", "bad thing"));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals("bad thing", e.getMessage());
            assertTrue(String.valueOf(e.attributes().get("_pyroTraceback")).contains("ValueError"), e.attributes().toString());
        }
    }

    @Test
    void attributesOnewayStreamsAndBatches() {
        try (PyroProxy proxy = proxy(echoUri)) {
            assertEquals(Set.of("value"), proxy.attributes());
            assertEquals(Set.of("fire"), proxy.onewayMethods());
            proxy.setAttribute("value", "changed");
            assertEquals("changed", proxy.getAttribute("value"));

            long start = System.nanoTime();
            assertNull(proxy.invoke("fire", 2.0));
            assertTrue(System.nanoTime() - start < 1_500_000_000L, "a oneway call must not wait for the method");

            Object stream = proxy.invoke("count", 3L);
            List<Object> items = new ArrayList<>();
            ((Iterator<?>) stream).forEachRemaining(items::add);
            assertEquals(List.of(0L, 1L, 2L), items);

            List<Object> results = proxy.batch(List.of(RemoteCall.of("echo", "a"), RemoteCall.of("add", 1L, 2L),
                    RemoteCall.of("fail", "stop"), RemoteCall.of("echo", "never")));
            assertEquals(3, results.size());
            assertEquals("a", results.get(0));
            assertEquals(3L, results.get(1));
            ExceptionWrapper failed = assertInstanceOf(ExceptionWrapper.class, results.get(2));
            assertEquals("stop", failed.exception().getMessage());
            assertThrows(PythonException.class, () -> PyroProxy.raiseIfFailed(results.get(2)));
            proxy.batchOneway(List.of(RemoteCall.of("echo", "x")));
            assertEquals("after", proxy.invoke("echo", "after"));
        }
    }

    @Test
    void timeoutClosesTheConnectionAndTheNextCallReconnects() {
        try (PyroProxy proxy = new PyroProxy(echoUri, config.withCommTimeout(Duration.ofMillis(300)), serializers)) {
            TimeoutError e = assertThrows(TimeoutError.class, () -> proxy.invoke("sleep", 1.5));
            assertEquals("receiving: timeout", e.getMessage());
            assertFalse(proxy.isConnected());
            assertEquals(0.1, proxy.invoke("sleep", 0.1));
        }
    }

    @Test
    void oneProxyIsSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PyroProxy proxy = proxy(echoUri)) {
            List<Future<Object>> results = new ArrayList<>();
            for (long i = 0; i < 40; i++) {
                long n = i;
                results.add(pool.submit(() -> proxy.invoke("echo", n)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals((long) i, results.get(i).get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void unixDomainSocket() throws Exception {
        Path dir = Files.createTempDirectory("pyrons-client");
        Path socket = dir.resolve("echo.sock");
        try (PythonPyro.RunningProcess unixEcho = PythonPyro.startEchoServer(ns.port(), socket.toString())) {
            String uri = unixEcho.await(URI_LINE, Duration.ofSeconds(30)).group(1);
            assertEquals("PYRO:test.echo.unix@./u:" + socket, uri);
            try (PyroProxy proxy = proxy("PYRONAME:test.echo.unix@127.0.0.1:" + ns.port())) {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertEquals("unix", proxy.invoke("echo", "unix")));
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
