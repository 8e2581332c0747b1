package io.pyrons.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.status.PartStatus;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class BroadcastResponderTest {

    /**
     * A bundle context that keeps the properties of the one service registered through it, as the framework would
     * show them to a follower: current after every setProperties, empty once unregistered.
     */
    private static final class StatusContext {
        final Map<String, Object> properties = new LinkedHashMap<>();
        boolean registered;

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{BundleContext.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("registerService")) {
                            throw new AssertionError("unexpected call " + method);
                        }
                        assertEquals(PartStatus.class, args[0]);
                        copy((Dictionary<?, ?>) args[2]);
                        registered = true;
                        return registration();
                    });
        }

        private ServiceRegistration<?> registration() {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{ServiceRegistration.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setProperties" -> copy((Dictionary<?, ?>) args[0]);
                            case "unregister" -> {
                                properties.clear();
                                registered = false;
                            }
                            default -> throw new AssertionError("unexpected call " + method);
                        }
                        return null;
                    });
        }

        private void copy(Dictionary<?, ?> dictionary) {
            properties.clear();
            for (var keys = dictionary.keys(); keys.hasMoreElements(); ) {
                Object key = keys.nextElement();
                properties.put((String) key, dictionary.get(key));
            }
        }
    }

    /** A daemon as Pyro4 reports one bound to {@code host}. */
    private static PyroDaemon daemonAt(String uriHost, SocketAddress bound) {
        return new PyroDaemon() {
            @Override
            public PyroURI uriFor(String objectId) {
                return PyroURI.pyro(objectId, "nat.example", 5555);
            }

            @Override
            public PyroURI internalUriFor(String objectId) {
                return PyroURI.pyro(objectId, uriHost, 9090);
            }

            @Override
            public String location() {
                return uriHost + ":9090";
            }

            @Override
            public SocketAddress boundAddress() {
                return bound;
            }

            @Override
            public Set<String> acceptedSerializers() {
                return Set.of("serpent");
            }

            @Override
            public int connectionCount() {
                return 0;
            }

            @Override
            public Set<String> objectIds() {
                return Set.of("Pyro.Daemon", "Pyro.NameServer");
            }
        };
    }

    private static BroadcastConfig config(boolean enabled, String bchost, int bcport) {
        return new BroadcastConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BroadcastConfig.class;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String bchost() {
                return bchost;
            }

            @Override
            public int bcport() {
                return bcport;
            }
        };
    }

    private static String ask(int port, String request) throws IOException {
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(500);
            client.send(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)), new InetSocketAddress("127.0.0.1", port));
            byte[] buf = new byte[200];
            java.net.DatagramPacket packet = new java.net.DatagramPacket(buf, buf.length);
            try {
                client.socket().receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(buf, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void answersGetNsUriWithTheInterfaceFacingTheClient() throws Exception {
        PyroDaemon daemon = daemonAt("0.0.0.0", new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 9090));
        StatusContext status = new StatusContext();
        BroadcastResponder responder = new BroadcastResponder(daemon, config(true, "127.0.0.1", 0), status.context());
        try {
            String location = responder.location();
            assertNotNull(location);
            int port = Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
            assertEquals("127.0.0.1:" + port, location);
            assertEquals(Map.of(PartStatus.PART, "broadcast", PartStatus.STATE, "up", PartStatus.DETAIL, "",
                    PartStatus.LOCATION, location), status.properties);
            // The internal URI, never the NAT one; 0.0.0.0 becomes the address that faces 127.0.0.1.
            assertEquals("PYRO:Pyro.NameServer@127.0.0.1:9090", ask(port, "GET_NSURI"));
            assertNull(ask(port, "GET_SOMETHING"), "other datagrams are ignored");
            assertEquals("PYRO:Pyro.NameServer@127.0.0.1:9090", ask(port, "GET_NSURI"), "still answering after junk");
        } finally {
            responder.deactivate();
        }
        assertFalse(status.registered, "the status goes with the responder");
    }

    @Test
    void answersWithTheBoundHostWhenNotAllInterfaces() throws Exception {
        PyroDaemon daemon = daemonAt("192.0.2.7", new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9090));
        BroadcastResponder responder = new BroadcastResponder(daemon, config(true, "127.0.0.1", 0),
                new StatusContext().context());
        try {
            int port = Integer.parseInt(responder.location().substring(responder.location().lastIndexOf(':') + 1));
            assertEquals("PYRO:Pyro.NameServer@192.0.2.7:9090", ask(port, "GET_NSURI"));
        } finally {
            responder.deactivate();
        }
    }

    @Test
    void doesNotRunWhereItWouldNotInPyro4() throws Exception {
        assertTrue(BroadcastResponder.reasonNotToRun(new InetSocketAddress("127.0.0.1", 9090), true).isPresent());
        assertTrue(BroadcastResponder.reasonNotToRun(new InetSocketAddress("127.0.1.1", 9090), true).isPresent());
        assertTrue(BroadcastResponder.reasonNotToRun(new InetSocketAddress("::1", 9090), true).isPresent());
        assertTrue(BroadcastResponder.reasonNotToRun(new InetSocketAddress("::", 9090), true).isPresent());
        assertTrue(BroadcastResponder.reasonNotToRun(UnixDomainSocketAddress.of(Path.of("/tmp/ns.sock")), true).isPresent());
        assertTrue(BroadcastResponder.reasonNotToRun(new InetSocketAddress("0.0.0.0", 9090), false).isPresent());
        assertTrue(BroadcastResponder.reasonNotToRun(new InetSocketAddress("0.0.0.0", 9090), true).isEmpty());

        PyroDaemon local = daemonAt("localhost", new InetSocketAddress("127.0.0.1", 9090));
        StatusContext status = new StatusContext();
        BroadcastResponder responder = new BroadcastResponder(local, config(true, "127.0.0.1", 0), status.context());
        assertNull(responder.location());
        assertEquals(Map.of(PartStatus.PART, "broadcast", PartStatus.STATE, "off",
                PartStatus.DETAIL, "the name server is bound to localhost"), status.properties);
        responder.deactivate();
        assertFalse(status.registered);
    }

    @Test
    void aSocketThatCannotBeBoundMakesItUnavailableWithOneLineNamingTheAddress() throws Exception {
        PyroDaemon daemon = daemonAt("0.0.0.0", new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 9090));
        StatusContext status = new StatusContext();
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: the bind fails as pyro4-ns's does (errno 99)
        BroadcastResponder responder = new BroadcastResponder(daemon, config(true, "192.0.2.1", 0), status.context());
        assertNull(responder.location());
        assertEquals("unavailable", status.properties.get(PartStatus.STATE));
        assertEquals("cannot bind the broadcast responder on 192.0.2.1:0: Cannot assign requested address",
                status.properties.get(PartStatus.DETAIL));
        assertFalse(status.properties.containsKey(PartStatus.LOCATION));
        responder.deactivate();
        assertFalse(status.registered);
    }
}
