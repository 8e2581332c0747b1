package io.pyrons.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.api.status.PartStatus;

class NameServerCommandsTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final NameServerCommands commands =
            new NameServerCommands(() -> new PrintStream(bytes, true, StandardCharsets.UTF_8));
    final FakeNameServer ns = new FakeNameServer()
            .with("Pyro.NameServer", "PYRO:Pyro.NameServer@127.0.0.1:40123", "class:Pyro4.naming.NameServer");

    String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    void bindLocal(Map<String, Object> properties) {
        commands.nameServer = new AbstractMap.SimpleImmutableEntry<>(properties, ns);
    }

    @Test
    void withoutANameServerEveryCommandFailsWithOneClearLine() {
        CommandFailure e = assertThrows(CommandFailure.class, () -> commands.list("", 0, ""));
        assertTrue(e.getMessage().startsWith("no name server is running in this framework"), e.getMessage());
        assertEquals(e.getMessage(), e.toString());
        assertEquals(0, e.getStackTrace().length);
        assertThrows(CommandFailure.class, () -> commands.status("", 0, ""));
        assertEquals("", output());
    }

    @Test
    void commandsActOnTheLocalServiceByDefault() {
        bindLocal(Map.of());
        commands.register("", 0, "", "a.b", "PYRO:x@127.0.0.1:1");
        commands.list("", 0, "", "a.");
        assertEquals("""
                Registered a.b
                NAME  URI                 METADATA
                a.b   PYRO:x@127.0.0.1:1
                1 registration
                """, output());
    }

    @Test
    void pyroErrorsBecomeOneLineWithThePythonClass() {
        bindLocal(Map.of());
        CommandFailure e = assertThrows(CommandFailure.class, () -> commands.lookup("", 0, "", "missing"));
        assertEquals("NamingError: unknown name: missing", e.getMessage());
        CommandFailure bad = assertThrows(CommandFailure.class, () -> commands.register("", 0, "", "n", "nonsense"));
        assertEquals("PyroError: invalid uri", bad.getMessage());
    }

    @Test
    void listTakesAtMostOnePrefix() {
        bindLocal(Map.of());
        assertEquals("ns:list takes at most one prefix, got 2",
                assertThrows(CommandFailure.class, () -> commands.list("", 0, "", "a", "b")).getMessage());
    }

    @Test
    void statusShowsWhatTheFrameworkKnows() {
        bindLocal(Map.of(NameServerCommands.STORAGE_PROPERTY, "sql:/var/ns.sqlite"));
        commands.daemon = new FixedDaemon(new InetSocketAddress("127.0.0.1", 40123));
        commands.serializers = List.of(new NamedSerializer("json", 2), new NamedSerializer("serpent", 1));
        commands.parts = List.of(new FixedStatus("daemon", PartStatus.State.UP, ""),
                new FixedStatus(PartStatus.NAME_SERVER, PartStatus.State.UP,
                        "sql:/var/ns.sqlite; kept the 3 names already in sql:/var/ns.sqlite"));
        commands.status("", 0, "");
        assertEquals("""
                listening on:           127.0.0.1:40123
                bound to:               127.0.0.1:40123
                name server:            PYRO:Pyro.NameServer@127.0.0.1:40123
                storage:                sql:/var/ns.sqlite
                name server status:     up (sql:/var/ns.sqlite; kept the 3 names already in sql:/var/ns.sqlite)
                serializers installed:  serpent(1), json(2)
                serializers accepted:   json, marshal, serpent
                open connections:       3
                objects served:         Pyro.Daemon, Pyro.NameServer
                names:                  1
                """, output());
    }

    @Test
    void statusOfAnUnavailableNameServerSaysWhyAndLeavesOutTheCount() {
        commands.nameServer = new AbstractMap.SimpleImmutableEntry<>(Map.of(NameServerCommands.STORAGE_PROPERTY, "sql:/x"),
                new FakeNameServer() {
                    @Override
                    public int count() {
                        throw new NamingError("name server unavailable: storage backend 'sql' is not installed");
                    }
                });
        commands.parts = List.of(new FixedStatus(PartStatus.NAME_SERVER, PartStatus.State.UNAVAILABLE,
                "storage backend 'sql' is not installed"));
        commands.status("", 0, "");
        assertEquals("""
                storage:                sql:/x
                name server status:     unavailable: storage backend 'sql' is not installed
                serializers installed:  none
                """, output());
    }

    record FixedStatus(String part, PartStatus.State state, String detail) implements PartStatus {
        @Override
        public String location() {
            return null;
        }
    }

    @Test
    void statusLeavesOutWhatIsUnknownAndSaysWhenNoStorageIsSet() {
        bindLocal(Map.of());
        commands.status("", 0, "");
        assertEquals("""
                storage:                (not set)
                serializers installed:  none
                names:                  1
                """, output());
    }

    @Test
    void aRemoteTargetIsChosenByHostOrPort() {
        assertTrue(new NameServerTarget("", 0, "").isLocal());
        NameServerTarget byPort = new NameServerTarget(null, 9999, null);
        assertEquals("localhost", byPort.remoteHost());
        assertEquals(9999, byPort.remotePort());
        NameServerTarget byHost = new NameServerTarget(" ns.example ", 0, "");
        assertEquals("ns.example", byHost.remoteHost());
        assertEquals(9090, byHost.remotePort());
        assertEquals(null, byHost.remoteHmacKey());
        assertEquals("port must be between 1 and 65535, not 70000",
                assertThrows(CommandFailure.class, () -> new NameServerTarget("h", 70000, "")).getMessage());
    }

    @Test
    void aRemoteCallWithoutSerpentInstalledIsOneLine() {
        CommandFailure e = assertThrows(CommandFailure.class, () -> commands.ping("127.0.0.1", 1, ""));
        assertEquals("SerializeError: serializer 'serpent' is unknown or not available", e.getMessage());
    }

    @Test
    void anUnreachableRemoteNameServerIsOneLine() throws Exception {
        commands.serializers = List.of(new io.pyrons.serializer.serpent.SerpentSerializer());
        int freePort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        int port = freePort;
        CommandFailure e = assertThrows(CommandFailure.class, () -> commands.ping("127.0.0.1", port, ""));
        assertTrue(e.getMessage().startsWith("CommunicationError") || e.getMessage().startsWith("NamingError"),
                e.getMessage());
        assertEquals("", output());
    }

    record FixedDaemon(SocketAddress boundAddress) implements PyroDaemon {
        @Override
        public PyroURI uriFor(String objectId) {
            InetSocketAddress a = (InetSocketAddress) boundAddress;
            return PyroURI.pyro(objectId, a.getHostString(), a.getPort());
        }

        @Override
        public PyroURI internalUriFor(String objectId) {
            return uriFor(objectId);
        }

        @Override
        public String location() {
            return uriFor(NameServer.OBJECT_ID).location();
        }

        @Override
        public Set<String> acceptedSerializers() {
            return Set.of("serpent", "json", "marshal");
        }

        @Override
        public int connectionCount() {
            return 3;
        }

        @Override
        public Set<String> objectIds() {
            return Set.of(NameServer.OBJECT_ID, PyroDaemon.DAEMON_OBJECT_ID);
        }
    }

    record NamedSerializer(String name, int id) implements Serializer {
        @Override
        public OptionalInt id(PyroProtocol protocol) {
            return protocol == PyroProtocol.PYRO4 ? OptionalInt.of(id) : OptionalInt.empty();
        }

        @Override
        public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
            throw new IllegalStateException("not used by the shell");
        }

        @Override
        public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
            throw new IllegalStateException("not used by the shell");
        }

        @Override
        public byte[] serializeData(Object value, PyroProtocol protocol) {
            throw new IllegalStateException("not used by the shell");
        }

        @Override
        public Object deserializeData(byte[] data, PyroProtocol protocol) {
            throw new IllegalStateException("not used by the shell");
        }
    }
}
