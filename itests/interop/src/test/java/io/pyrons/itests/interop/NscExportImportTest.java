package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, offline migration: names a real Pyro4 client registered on the real {@code pyro4-ns} (metadata, non-ASCII
 * names and tags) leave it through {@code pyro-nsc export FILE} and arrive in pyrons on a sql store through
 * {@code pyro-nsc import FILE}, each with its URI and metadata, as a real Pyro4 client sees them; a name the target
 * already has is kept, reported, and the import ends with status 1. The sql file then holds them for pyro4-ns too.
 */
class NscExportImportTest {
    private static final List<String[]> REGISTERED = List.of(
            new String[]{"shop.item_1", "PYRO:item1@localhost:5001", "kind:item", "ünïcode-meta"},
            new String[]{"rate.100%", "PYRO:percent@localhost:5003", "kind:rate"},
            new String[]{"ünïcødé.名前", "PYRO:unicode@127.0.0.1:5005", "ключ", "kind:item"},
            new String[]{"plain.name", "PYRO:plain@localhost:5006"},
            new String[]{"emoji.😀", "PYRO:emoji@localhost:5007", "tag 😀", "with space"});

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    void namesMoveFromPyro4NsIntoPyronsWithTheirMetadata() throws IOException {
        Path exported = dir.resolve("names.json");
        Set<String> fromPyro4;
        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS)) {
            StoreClient client = new StoreClient(python, pyro4.host(), pyro4.port());
            var ops = REGISTERED.stream().map(NscExportImportTest::register).toArray(String[]::new);
            client.ops(ops);
            fromPyro4 = client.dumpWithoutNameServer();
            var expected = new TreeSet<String>();
            REGISTERED.forEach(r -> expected.add(StoreClient.entry(r[0], r[1], Set.copyOf(List.of(r).subList(2, r.length)))));
            assertEquals(expected, fromPyro4, "what the Pyro4 client registered on pyro4-ns");

            ProcessResult export = NscUnixSocketTest.pyroNsc(pyro4.host(), pyro4.port(), "export", exported.toString());
            assertEquals(0, export.exitCode(), export.describe());
            assertEquals("Exported " + REGISTERED.size() + " registrations to " + exported + "\n", export.stdout());
        }
        String file = Files.readString(exported, StandardCharsets.UTF_8);
        assertTrue(file.startsWith("{\"format\": \"pyrons-names\", \"version\": 1, \"registrations\": [\n"), file);
        assertTrue(file.contains("{\"name\": \"ünïcødé.名前\", \"uri\": \"PYRO:unicode@127.0.0.1:5005\", "
                + "\"metadata\": [\"kind:item\", \"ключ\"]}"), file);

        Path store = dir.resolve("names.sqlite");
        Set<String> inPyrons;
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, "-s", "sql:" + store)) {
            StoreClient client = new StoreClient(python, pyrons.host(), pyrons.port());
            assertEquals(List.of("[\"register\", null]"),
                    client.ops("[\"register\", \"plain.name\", \"PYRO:kept@localhost:6001\", [\"kept\"]]"));

            ProcessResult imported = NscUnixSocketTest.pyroNsc(pyrons.host(), pyrons.port(), "import", exported.toString());
            assertEquals(1, imported.exitCode(), "a name not imported ends with status 1\n" + imported.describe());
            assertEquals("Not imported plain.name: NamingError - name already registered: plain.name\n"
                    + "Imported " + (REGISTERED.size() - 1) + " registrations from " + exported + "; 1 not imported\n",
                    imported.stdout(), imported.describe());

            var expected = new TreeSet<>(fromPyro4);
            expected.removeIf(e -> e.startsWith("plain.name\t"));
            expected.add(StoreClient.entry("plain.name", "PYRO:kept@localhost:6001", Set.of("kept")));
            inPyrons = client.dumpWithoutNameServer();
            assertEquals(expected, inPyrons, "every name, URI and tag arrived; the name pyrons had is kept");
        }

        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS, "-s", "sql:" + store)) {
            assertEquals(inPyrons, new StoreClient(python, pyro4.host(), pyro4.port()).dumpWithoutNameServer(),
                    "the imported names are in the sql file");
        }
    }

    private static String register(String[] registration) {
        var metadata = new StringBuilder();
        for (int i = 2; i < registration.length; i++) {
            metadata.append(i > 2 ? ", " : "").append('"').append(registration[i]).append('"');
        }
        return "[\"register\", \"" + registration[0] + "\", \"" + registration[1] + "\", [" + metadata + "]]";
    }
}
