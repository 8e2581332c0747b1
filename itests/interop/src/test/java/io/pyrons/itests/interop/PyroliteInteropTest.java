package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.razorvine.pyro.Config;
import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pyrolite 4.30 (net.razorvine:pyrolite), the third-party Java Pyro4 client, against pyrons and pyro4-ns with
 * serpent and with pickle (accepted on both servers): locateNS, ping, register, lookup, set_metadata, list, remove
 * give the same results. Pyrolite keeps its serializer in the static {@link Config#SERIALIZER}; each test sets it
 * and restores it (surefire runs this class's tests one after another).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyroliteInteropTest {

    private final Map<ServerKind, NameServerProcess> servers = new EnumMap<>(ServerKind.class);
    private final Config.SerializerType originalSerializer = Config.SERIALIZER;

    @AfterEach
    void restoreSerializer() {
        Config.SERIALIZER = originalSerializer;
    }

    @AfterAll
    void stop() {
        servers.values().forEach(NameServerProcess::close);
    }

    @ParameterizedTest(name = "serializer {0}")
    @EnumSource(Config.SerializerType.class)
    void pyroliteGetsTheSameAnswersFromBothServers(Config.SerializerType serializer) throws IOException {
        Config.SERIALIZER = serializer;
        List<String> expected = session(server(ServerKind.PYRO4_NS));
        List<String> actual = session(server(ServerKind.PYRONS));
        assertEquals(List.of(
                "located PYRO:Pyro.NameServer@127.0.0.1:PORT",
                "ping",
                "register",
                "register safe duplicate: NamingError",
                "lookup PYRO:obj.a@localhost:4001",
                "lookup with metadata PYRO:obj.a@localhost:4001 [green, java]",
                "set_metadata",
                "lookup with metadata PYRO:obj.a@localhost:4001 [red]",
                "lookup unknown: NamingError",
                "list prefix {pl.a=PYRO:obj.a@localhost:4001, pl.b=PYRO:obj.b@localhost:4002}",
                "list regex {pl.b=PYRO:obj.b@localhost:4002}",
                "list metadata_all {pl.b=PYRO:obj.b@localhost:4002}",
                "list_with_meta {pl.a=PYRO:obj.a@localhost:4001 [red], pl.b=PYRO:obj.b@localhost:4002 [java]}",
                "remove name 1",
                "remove prefix 1",
                "list after remove {}",
                "ping"), expected, "pyro4-ns with " + serializer);
        assertEquals(expected, actual, "pyrons with " + serializer);
    }

    /** One Pyrolite session; ports replaced by PORT, sets sorted. */
    private static List<String> session(NameServerProcess server) throws IOException {
        List<String> out = new ArrayList<>();
        NameServerProxy ns = NameServerProxy.locateNS(server.host(), server.port(), null);
        try {
            ns.remove(null, "pl.", null); // a left-over from an earlier failed run would change every answer
            out.add("located " + text(ns.lookup("Pyro.NameServer")));
            ns.ping();
            out.add("ping");
            ns.register("pl.a", new PyroURI("PYRO:obj.a@localhost:4001"), false, new String[] {"java", "green"});
            ns.register("pl.b", new PyroURI("PYRO:obj.b@localhost:4002"), true, new String[] {"java"});
            out.add("register");
            out.add("register safe duplicate" + failure(() -> ns.register("pl.b", new PyroURI("PYRO:x@localhost:1"), true)));
            out.add("lookup " + text(ns.lookup("pl.a")));
            out.add("lookup with metadata " + uriAndMetadata(ns.lookup("pl.a", true)));
            ns.set_metadata("pl.a", Set.of("red"));
            out.add("set_metadata");
            out.add("lookup with metadata " + uriAndMetadata(ns.lookup("pl.a", true)));
            out.add("lookup unknown" + failure(() -> ns.lookup("no.such.name")));
            out.add("list prefix " + new TreeMap<>(ns.list("pl.", null)));
            out.add("list regex " + new TreeMap<>(ns.list(null, "pl\\.b")));
            out.add("list metadata_all " + new TreeMap<>(ns.list(null, null, new String[] {"java"}, null)));
            var withMeta = new TreeMap<String, String>();
            ns.list_with_meta("pl.", null).forEach((name, entry) -> withMeta.put(name, uriAndMetadata(entry)));
            out.add("list_with_meta " + withMeta);
            out.add("remove name " + ns.remove("pl.a", null, null));
            out.add("remove prefix " + ns.remove(null, "pl.", null));
            out.add("list after remove " + ns.list("pl.", null));
            ns.ping();
            out.add("ping");
        } finally {
            ns.close();
        }
        return out.stream().map(line -> line.replace(":" + server.port(), ":PORT")).toList();
    }

    /** (uri, metadata) as Pyrolite gives it: a PyroURI or a string (list_with_meta), metadata in no particular order. */
    private static String uriAndMetadata(Object[] entry) {
        Object metadata = entry[1];
        Collection<?> items = metadata instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) metadata;
        return (entry[0] instanceof PyroURI uri ? text(uri) : entry[0]) + " " + new TreeSet<>(items.stream().map(String::valueOf).toList());
    }

    /** Pyrolite's PyroURI.toString() is "<PyroURI ...>": the URI as Pyro4 writes it. */
    private static String text(PyroURI uri) {
        return uri.protocol + ":" + uri.objectid + "@" + uri.host + ":" + uri.port;
    }

    private interface Call {
        void run() throws IOException;
    }

    private static String failure(Call call) throws IOException {
        try {
            call.run();
            return ": no error";
        } catch (PyroException e) {
            String type = String.valueOf(e.pythonExceptionType);
            return ": " + type.substring(type.lastIndexOf('.') + 1);
        }
    }

    private NameServerProcess server(ServerKind kind) {
        return servers.computeIfAbsent(kind, k -> NameServerProcess.start(k, SerializerTranscriptTest.ALL_ACCEPTED));
    }
}
