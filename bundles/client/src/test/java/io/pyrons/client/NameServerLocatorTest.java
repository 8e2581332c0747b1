package io.pyrons.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.pyrons.api.CommunicationError;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.serializer.serpent.SerpentSerializer;

/** locateNS, resolve and {@link RemoteNameServer} against a real Pyro4 name server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameServerLocatorTest {
    private final Serializers serializers = Serializers.of(List.of(new SerpentSerializer()));
    private PythonPyro.NameServerProcess ns;
    private PythonPyro.RunningProcess echo;
    private String echoUri;

    @BeforeAll
    void start() {
        ns = new PythonPyro.NameServerProcess(Map.of());
        echo = PythonPyro.startEchoServer(ns.port(), null);
        echoUri = echo.await(Pattern.compile("^(PYRO:\\S+)$"), Duration.ofSeconds(30)).group(1);
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

    private NameServerLocator locator(ClientConfig config) {
        return new NameServerLocator(config, serializers);
    }

    @Test
    void locatesByHostAndByLocalhost() {
        try (PyroProxy proxy = locator(ClientConfig.defaults()).locate("127.0.0.1", ns.port())) {
            assertTrue(proxy.isConnected());
            assertEquals(ns.uri(), proxy.uri().asString());
        }
        // no host: NS_HOST localhost is tried first, on the given port
        try (PyroProxy proxy = locator(ClientConfig.defaults()).locate(null, ns.port())) {
            assertEquals("PYRO:Pyro.NameServer@localhost:" + ns.port(), proxy.uri().asString());
            assertNull(proxy.invoke("ping"));
        }
    }

    @Test
    void failureIsANamingError() throws Exception {
        int freePort;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        NamingError e = assertThrows(NamingError.class, () -> locator(ClientConfig.defaults()).locate("127.0.0.1", freePort));
        assertEquals("Failed to locate the nameserver", e.getMessage());
        assertInstanceOf(CommunicationError.class, e.getCause());
    }

    @Test
    void locatesByBroadcast() throws Exception {
        // a GET_NSURI responder on loopback, like pyrons' broadcast bundle and Pyro4's BroadcastServer
        try (DatagramSocket responder = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            responder.setSoTimeout(5000);
            AtomicReference<String> request = new AtomicReference<>();
            Thread answering = new Thread(() -> {
                try {
                    byte[] buffer = new byte[100];
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    responder.receive(packet);
                    request.set(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII));
                    byte[] answer = ns.uri().getBytes(StandardCharsets.ISO_8859_1);
                    responder.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                } catch (java.io.IOException e) {
                    request.set("responder failed: " + e);
                }
            });
            answering.start();
            // NS_HOST not localhost-like: straight to the broadcast, sent to 127.0.0.1 on the bc port
            ClientConfig config = new ClientConfig("ns.invalid", 9, responder.getLocalPort(), List.of("127.0.0.1"),
                    null, "serpent", Duration.ZERO);
            try (PyroProxy proxy = locator(config).locate(null, null)) {
                assertFalse(proxy.isConnected(), "Pyro4 returns the broadcast answer unconnected");
                assertEquals(ns.uri(), proxy.uri().asString());
                assertNull(proxy.invoke("ping"));
            }
            answering.join(5000);
            assertEquals("GET_NSURI", request.get());
        }
    }

    @Test
    void resolvesPyronameAndPyrometa() {
        NameServerLocator locator = locator(ClientConfig.defaults());
        assertEquals(PyroURI.parse(echoUri), locator.resolve("PYRONAME:test.echo@127.0.0.1:" + ns.port()));
        assertEquals(PyroURI.parse(echoUri), locator.resolve("PYROMETA:echo,java.test@127.0.0.1:" + ns.port()));
        assertEquals(PyroURI.parse("PYRO:x@h:1"), locator.resolve("PYRO:x@h:1"));
        NamingError unknown = assertThrows(NamingError.class, () -> locator.resolve("PYRONAME:nope@127.0.0.1:" + ns.port()));
        assertEquals("unknown name: nope", unknown.getMessage());
        NamingError none = assertThrows(NamingError.class, () -> locator.resolve("PYROMETA:nothing@127.0.0.1:" + ns.port()));
        assertEquals("no registrations available with desired metadata properties {'nothing'}", none.getMessage());
        // the NS port of a PYRONAME without port comes from the configuration
        ClientConfig withPort = new ClientConfig("localhost", ns.port(), 9091, List.of(), null, "serpent", Duration.ZERO);
        assertEquals(PyroURI.parse(echoUri), locator(withPort).resolve("PYRONAME:test.echo@127.0.0.1"));
    }

    @Test
    void remoteNameServerOperations() {
        try (RemoteNameServer remote = locator(ClientConfig.defaults()).locateNameServer("127.0.0.1", ns.port())) {
            remote.ping();
            int before = remote.count();
            remote.register("rns.one", "PYRO:one@127.0.0.1:1111", true, Set.of("red", "round"));
            remote.register("rns.two", "PYRO:two@127.0.0.1:2222", false, null);
            assertEquals(before + 2, remote.count());
            assertEquals(PyroURI.parse("PYRO:one@127.0.0.1:1111"), remote.lookup("rns.one"));
            assertEquals(new Registration("rns.one", "PYRO:one@127.0.0.1:1111", Set.of("red", "round")),
                    remote.lookupRegistration("rns.one"));
            NamingError duplicate = assertThrows(NamingError.class,
                    () -> remote.register("rns.one", "PYRO:x@h:1", true, null));
            assertEquals("name already registered: rns.one", duplicate.getMessage());

            assertEquals(List.of("rns.one", "rns.two"), names(remote.list("rns.", null, null, null)));
            assertEquals(List.of("rns.two"), names(remote.list(null, "rns\\.t", null, null)));
            assertEquals(List.of("rns.one"), names(remote.list(null, null, Set.of("red", "round"), null)));
            assertEquals(List.of("rns.one"), names(remote.list(null, null, null, Set.of("round", "blue"))));

            remote.setMetadata("rns.two", Set.of("blue"));
            assertEquals(List.of("rns.one", "rns.two"), names(remote.yplookup(null, Set.of("blue", "red"))));
            assertEquals(List.of("rns.two"), names(remote.yplookup(Set.of("blue"), null)));

            assertEquals(1, remote.remove("rns.two", null, null));
            assertEquals(0, remote.remove("rns.two", null, null));
            assertEquals(1, remote.remove(null, "rns.", null));
            assertEquals(before, remote.count());
            assertThrows(NamingError.class, () -> remote.lookup("rns.one"));
        }
    }

    @Test
    void hmacKeyMustMatchTheNameServers() {
        try (PythonPyro.NameServerProcess keyed = new PythonPyro.NameServerProcess(Map.of("PYRO_HMAC_KEY", "s3cret"))) {
            NameServerLocator locator = locator(ClientConfig.defaults());
            try (PyroProxy proxy = locator.locate("127.0.0.1", keyed.port(), false, "s3cret")) {
                assertNull(proxy.invoke("ping"));
            }
            NamingError noKey = assertThrows(NamingError.class, () -> locator.locate("127.0.0.1", keyed.port(), false, null));
            assertEquals("Failed to locate the nameserver", noKey.getMessage());
            assertThrows(NamingError.class, () -> locator.locate("127.0.0.1", keyed.port(), false, "wrong"));
        }
    }

    @Test
    void serializersAreFoundWithServiceLoaderOutsideOsgi() {
        Serializers loaded = Serializers.load(getClass().getClassLoader());
        assertEquals("serpent", loaded.byName("serpent").orElseThrow(
                () -> new AssertionError("no serpent serializer through ServiceLoader: the serializer-serpent jar lacks "
                        + "META-INF/services/io.pyrons.api.serializer.Serializer")).name());
        assertEquals(1, loaded.byId(1).orElseThrow().id());
    }

    private static List<String> names(List<Registration> registrations) {
        return registrations.stream().map(Registration::name).toList();
    }
}
