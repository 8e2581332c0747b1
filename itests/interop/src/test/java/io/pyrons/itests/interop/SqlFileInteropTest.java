package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: one SQLite file, three lives. The real {@code pyro4-ns -s sql:F} writes names with metadata (unicode,
 * '_' and '%' in names); pyrons serves that file as it is, changes it; pyro4-ns serves the result. Pyro4's prefix
 * listing on sql storage uses {@code LIKE prefix%}, where '_' and '%' in the prefix are wildcards; pyrons treats
 * the prefix literally (as Pyro4's memory storage does): the difference is asserted, not hidden.
 */
class SqlFileInteropTest {
    private final Python python = Python.locate();
    @TempDir
    Path dir;

    private static final List<String[]> WRITTEN_BY_PYRO4 = List.of(
            new String[]{"shop.item_1", "PYRO:item1@localhost:5001", "kind:item", "ünïcode-meta"},
            new String[]{"shop.itemX1", "PYRO:itemX1@localhost:5002", "kind:item"},
            new String[]{"rate.100%", "PYRO:percent@localhost:5003", "kind:rate"},
            new String[]{"rate.100x", "PYRO:hundredx@localhost:5004", "kind:rate"},
            new String[]{"ünïcødé.名前", "PYRO:unicode@127.0.0.1:5005", "ключ", "kind:item"},
            new String[]{"plain.name", "PYRO:plain@localhost:5006"});

    @Test
    void pyro4NsFileIsServedByPyronsAndTheReverse() {
        Path file = dir.resolve("names.sqlite");
        String store = "sql:" + file;

        Set<String> byPyro4 = new TreeSet<>();
        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS, "-s", store)) {
            StoreClient client = client(pyro4);
            for (String[] r : WRITTEN_BY_PYRO4) {
                assertEquals(List.of("[\"register\", null]"), client.ops(register(r)), pyro4.output());
                byPyro4.add(StoreClient.entry(r[0], r[1], Set.copyOf(List.of(r).subList(2, r.length))));
            }
            assertEquals(byPyro4, client.dumpWithoutNameServer());
            // pyro4-ns's SqlStorage: "name LIKE prefix%" — '_' and '%' match any character(s)
            assertEquals(List.of(
                    "[\"prefix\", [\"shop.itemX1\", \"shop.item_1\"]]",
                    "[\"prefix\", [\"rate.100%\", \"rate.100x\"]]"),
                    client.ops("[\"prefix\", \"shop.item_\"]", "[\"prefix\", \"rate.100%\"]"));
        }

        Set<String> afterPyrons;
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, "-s", store)) {
            assertTrue(pyrons.stdoutLines().contains(
                    "Persistent store contains " + (WRITTEN_BY_PYRO4.size() + 1) + " existing registrations."), pyrons.output());
            StoreClient client = client(pyrons);
            assertEquals(byPyro4, client.dumpWithoutNameServer(), "pyrons serves the file pyro4-ns wrote");
            assertEquals(List.of(
                    "[\"prefix\", [\"shop.item_1\"]]",
                    "[\"prefix\", [\"rate.100%\"]]",
                    "[\"prefix\", [\"ünïcødé.名前\"]]",
                    "[\"meta_all\", [\"shop.itemX1\", \"shop.item_1\", \"ünïcødé.名前\"]]",
                    "[\"meta_any\", [\"rate.100%\", \"rate.100x\", \"ünïcødé.名前\"]]"),
                    client.ops("[\"prefix\", \"shop.item_\"]", "[\"prefix\", \"rate.100%\"]", "[\"prefix\", \"ünïcødé.\"]",
                            "[\"meta_all\", [\"kind:item\"]]", "[\"meta_any\", [\"kind:rate\", \"ключ\"]]"),
                    "pyrons: the prefix is literal; metadata from pyro4-ns's pyro_metadata table is found");
            assertEquals(List.of(
                    "[\"register\", null]", "[\"register\", null]", "[\"remove\", 1]", "[\"setmeta\", null]",
                    "[\"register\", null]"),
                    client.ops("[\"register\", \"added_by.pyrons\", \"PYRO:added@localhost:6001\", [\"from:pyrons\", \"ß\"]]",
                            "[\"register\", \"rate.100%\", \"PYRO:replaced@localhost:6002\", []]",
                            "[\"remove\", \"plain.name\"]",
                            "[\"setmeta\", \"shop.itemX1\", [\"kind:changed\"]]",
                            "[\"register\", \"名前.2\", \"PYRO:second@localhost:6003\", [\"ключ\"]]"));
            afterPyrons = client.dumpWithoutNameServer();
            var expected = new TreeSet<>(byPyro4);
            expected.removeIf(e -> e.startsWith("plain.name\t") || e.startsWith("rate.100%\t") || e.startsWith("shop.itemX1\t"));
            expected.add(StoreClient.entry("added_by.pyrons", "PYRO:added@localhost:6001", Set.of("from:pyrons", "ß")));
            expected.add(StoreClient.entry("rate.100%", "PYRO:replaced@localhost:6002", Set.of()));
            expected.add(StoreClient.entry("shop.itemX1", "PYRO:itemX1@localhost:5002", Set.of("kind:changed")));
            expected.add(StoreClient.entry("名前.2", "PYRO:second@localhost:6003", Set.of("ключ")));
            assertEquals(expected, afterPyrons);
        }

        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS, "-s", store)) {
            assertTrue(pyro4.stdoutLines().contains("Persistent store contains " + (afterPyrons.size() + 1)
                    + " existing registrations."), pyro4.output());
            StoreClient client = client(pyro4);
            assertEquals(afterPyrons, client.dumpWithoutNameServer(), "pyro4-ns serves the file pyrons changed");
            assertEquals(List.of(
                    "[\"meta_any\", [\"shop.itemX1\"]]",
                    "[\"meta_all\", [\"ünïcødé.名前\", \"名前.2\"]]",
                    "[\"register\", null]"),
                    client.ops("[\"meta_any\", [\"kind:changed\"]]", "[\"meta_all\", [\"ключ\"]]",
                            "[\"register\", \"after.pyrons\", \"PYRO:again@localhost:7001\", [\"x\"]]"),
                    pyro4.output());
        }
    }

    private StoreClient client(NameServerProcess server) {
        return new StoreClient(python, server.host(), server.port());
    }

    private static String register(String[] registration) {
        var metadata = new StringBuilder();
        for (int i = 2; i < registration.length; i++) {
            metadata.append(i > 2 ? ", " : "").append('"').append(registration[i]).append('"');
        }
        return "[\"register\", \"" + registration[0] + "\", \"" + registration[1] + "\", [" + metadata + "]]";
    }
}
