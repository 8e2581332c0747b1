package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, dbm files end to end. A user moves from {@code pyro4-ns -s dbm:F} to {@code pyro-ns -s dbm:F}. The real pyro4-ns writes its
 * dbm store (Debian's Python: Berkeley DB hash in {@code F.db}) through 120 registrations from real Pyro4 clients
 * and is stopped by its PID; pyrons started with the same option serves every name with its URI (pyro4-ns's dbm
 * storage keeps no metadata), says in its log that it imported them, keeps them at {@code F} from then on, and
 * leaves {@code F.db} byte for byte as it was. And a store file damaged after 101 registrations stops the startup
 * with an error naming it, rather than serving an older version of it with fewer names.
 */
class DbmFileInteropTest {
    private static final int CLIENTS = 4;
    private static final int NAMES_EACH = 30;

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    void pyro4NsDbmStoreIsImportedByPyronsWithEveryNameAndUri() throws IOException {
        Path file = dir.resolve("names");
        String option = "dbm:" + file;
        try (NameServerProcess pyro4 = NameServerProcess.start(ServerKind.PYRO4_NS, "-s", option)) {
            ProcessResult written = new StoreClient(python, pyro4.host(), pyro4.port()).write("moved.", CLIENTS, NAMES_EACH, false);
            assertEquals(0, written.exitCode(), written.describe() + pyro4.output());
        }
        Path db = dir.resolve("names.db");
        assertFalse(Files.exists(file), "pyro4-ns wrote F.db, not F: " + listing());
        byte[] pythonStore = Files.readAllBytes(db);
        // Pyro4's dbm storage drops metadata: every name with its URI and none
        Set<String> expected = StoreClient.expectedWrites("moved.", CLIENTS, NAMES_EACH, false).stream()
                .map(entry -> entry.substring(0, entry.lastIndexOf('\t') + 1))
                .collect(Collectors.toCollection(TreeSet::new));

        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, "-s", option)) {
            assertTrue(pyrons.stdoutLines().contains("Persistent store contains " + (CLIENTS * NAMES_EACH + 1)
                    + " existing registrations."), pyrons.output());
            assertTrue(pyrons.stderrLines().stream().anyMatch(l -> l.contains("imported " + (CLIENTS * NAMES_EACH + 1)
                    + " names") && l.contains(db.toString())), "the import is logged\n" + pyrons.output());
            StoreClient client = new StoreClient(python, pyrons.host(), pyrons.port());
            assertEquals(expected, client.dumpWithoutNameServer(), "every name and URI pyro4-ns stored");
            assertEquals(List.of("[\"register\", null]"),
                    client.ops("[\"register\", \"after.move\", \"PYRO:new@localhost:7\", [\"m\"]]"));
            expected.add(StoreClient.entry("after.move", "PYRO:new@localhost:7", Set.of("m")));
        }
        assertTrue(Files.isRegularFile(file), "pyrons keeps the names at F: " + listing());
        assertArrayEquals(pythonStore, Files.readAllBytes(db), "F.db was left as it was");

        try (NameServerProcess again = NameServerProcess.start(ServerKind.PYRONS, "-s", option)) {
            assertTrue(again.stderrLines().stream().noneMatch(l -> l.contains("imported")), again.output());
            assertEquals(expected, new StoreClient(python, again.host(), again.port()).dumpWithoutNameServer(),
                    "the same -s dbm:F serves the imported names and what changed since");
        }
        assertArrayEquals(pythonStore, Files.readAllBytes(db), "F.db was left as it was");
    }

    private List<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void damagedStoreFileStopsTheStartupInsteadOfServingAnOlderVersion() throws IOException {
        Path file = dir.resolve("names.dbm");
        String option = "dbm:" + file;
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, "-s", option)) {
            ProcessResult written = new StoreClient(python, pyrons.host(), pyrons.port()).write("kept.", 1, 101, false);
            assertEquals(0, written.exitCode(), written.describe() + pyrons.output());
        } // stopped by its PID: a clean close
        byte[] whole = Files.readAllBytes(file);
        byte[] half = Arrays.copyOf(whole, whole.length / 2 / 4096 * 4096);
        Files.write(file, half);

        ConfiguredNameServer server = ConfiguredNameServer.runToExit(ServerKind.PYRONS,
                List.of("-n", "127.0.0.1", "-p", "0", "-s", option), Map.of());
        String output = server.output();
        assertTrue(server.exitCode() != 0, output);
        assertTrue(server.stdoutLines().stream().noneMatch(l -> l.startsWith("URI = ")
                || l.startsWith("Persistent store contains")), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("pyro-ns: error: ") && l.contains(file.toString())
                && l.contains("damaged")), output);
        assertArrayEquals(half, Files.readAllBytes(file), "the file is left as it was");
    }
}
