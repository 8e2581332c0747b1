package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, the standalone runtime: install = enable through the drop-in directory ({@code pyrons.deploy}, which
 * {@code bin/pyro-ns} sets to {@code runtime/deploy}). pyrons.jar runs without {@code -s} (memory, as pyro4-ns),
 * real Pyro4 clients register names, the sql storage bundle's jar is dropped into the directory: the name server
 * says it moved to {@code sql:<pyrons.data>/pyrons-names.sql} with the names, and Python's own sqlite3 finds every
 * name, URI and metadata tag in that file. Removing the jar behaves as uninstalling the feature in Karaf: the name
 * server stays reachable and answers with a NamingError naming the missing backend. With an explicit {@code -s},
 * the dropped bundle changes nothing.
 */
class DeployDirectoryTest {
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String[]> NAMES = List.of(
            new String[]{"shop.item", "PYRO:item@localhost:5001", "kind:item", "ünïcode"},
            new String[]{"shop.till", "PYRO:till@localhost:5002"},
            new String[]{"名前", "PYRO:unicode@127.0.0.1:5003", "ключ"});

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    void droppedStorageBundleBecomesTheStoreWithTheNamesAndItsRemovalLeavesTheNameServerUnavailable() throws IOException {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path store = data.resolve("pyrons-names.sql");
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, runtimeOptions(deploy, data))) {
            assertFalse(pyrons.stdoutLines().stream().anyMatch(l -> l.startsWith("Persistent store")), pyrons.output());
            StoreClient client = new StoreClient(python, pyrons.host(), pyrons.port());
            Set<String> registered = register(client);
            assertFalse(Files.exists(store));

            int out = pyrons.stdoutLines().size();
            int err = pyrons.stderrLines().size();
            Path jar = deploy.resolve("io.pyrons.storage.sql.jar");
            copyEmbeddedBundle("io.pyrons.storage.sql-", jar);
            String moved = "INFO: name server switched from memory to sql:" + store + ": copied the 3 names of memory";
            assertNotNull(pyrons.awaitNewOutputLine(out, err, moved::equals, SWITCH_TIMEOUT),
                    "no '" + moved + "':\n" + pyrons.output());

            assertEquals(registered, client.dumpWithoutNameServer(), "the clients see the same names on sql");
            assertEquals(registered, sqlNames(store), "every name, URI and tag is in the sqlite file");
            assertEquals(List.of("[\"register\", null]"),
                    client.ops("[\"register\", \"after.switch\", \"PYRO:after@localhost:5004\", [\"x\"]]"));
            assertTrue(sqlNames(store).contains(StoreClient.entry("after.switch", "PYRO:after@localhost:5004",
                    Set.of("x"))), "a registration after the switch is written to the file");

            out = pyrons.stdoutLines().size();
            err = pyrons.stderrLines().size();
            Files.delete(jar);
            String gone = "INFO: name server unavailable: storage backend 'sql' is not installed";
            assertNotNull(pyrons.awaitNewOutputLine(out, err, gone::equals, SWITCH_TIMEOUT),
                    "no '" + gone + "':\n" + pyrons.output());
            assertEquals(List.of("[\"prefix\", \"NamingError: name server unavailable: storage backend 'sql' is not "
                    + "installed\"]"), client.ops("[\"prefix\", \"shop.\"]"), "reachable, never an empty memory store");
            assertTrue(pyrons.isAlive());
        }
        assertEquals(4, sqlNames(store).size(), "the file keeps every name");
    }

    @Test
    void anExplicitStorageIsNeverOverriddenByADroppedBundle() throws IOException {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path data = Files.createDirectories(dir.resolve("data"));
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, runtimeOptions(deploy, data),
                "-s", "memory")) {
            StoreClient client = new StoreClient(python, pyrons.host(), pyrons.port());
            Set<String> registered = register(client);
            int out = pyrons.stdoutLines().size();
            int err = pyrons.stderrLines().size();
            copyEmbeddedBundle("io.pyrons.storage.sql-", deploy.resolve("sql.jar"));
            String offered = "INFO: storage backend 'sql' installed: it offers sql:" + data.resolve("pyrons-names.sql")
                    + " (used when no storage is set)";
            assertNotNull(pyrons.awaitNewOutputLine(out, err, offered::equals, SWITCH_TIMEOUT),
                    "no '" + offered + "':\n" + pyrons.output());
            assertEquals(registered, client.dumpWithoutNameServer());
            assertFalse(pyrons.output().matches("(?s).*name server (on|switched from \\S+ to) sql:.*"), pyrons.output());
            assertFalse(Files.exists(data.resolve("pyrons-names.sql")));
        }
    }

    @Test
    void aBundleTheRuntimeDoesNotHoldIsInstalledUpdatedAndUninstalledWithItsFile() throws IOException {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path jar = deploy.resolve("dropin.jar");
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS, runtimeOptions(deploy, data))) {
            int out = pyrons.stdoutLines().size();
            int err = pyrons.stderrLines().size();
            writeBundle(jar, "1.0.0");
            String installed = "INFO: installed and started test.dropin 1.0.0 for " + jar;
            assertNotNull(pyrons.awaitNewOutputLine(out, err, installed::equals, SWITCH_TIMEOUT), pyrons.output());
            out = pyrons.stdoutLines().size();
            err = pyrons.stderrLines().size();
            writeBundle(jar, "1.0.1");
            String updated = "INFO: updated test.dropin 1.0.1 from " + jar;
            assertNotNull(pyrons.awaitNewOutputLine(out, err, updated::equals, SWITCH_TIMEOUT), pyrons.output());
            out = pyrons.stdoutLines().size();
            err = pyrons.stderrLines().size();
            Files.delete(jar);
            String uninstalled = "INFO: uninstalled test.dropin 1.0.1: " + jar + " was removed";
            assertNotNull(pyrons.awaitNewOutputLine(out, err, uninstalled::equals, SWITCH_TIMEOUT), pyrons.output());
            assertEquals(List.of("[\"register\", null]"),
                    new StoreClient(python, pyrons.host(), pyrons.port())
                            .ops("[\"register\", \"still.memory\", \"PYRO:m@localhost:5009\", []]"));
        }
    }

    /** A bundle with nothing in it but its manifest, written elsewhere and moved in (as a copy tool should). */
    private void writeBundle(Path target, String version) throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.dropin");
        main.putValue("Bundle-Version", version);
        Path partial = dir.resolve("dropin.part");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(partial), manifest)) {
            out.putNextEntry(new ZipEntry("test/dropin/version.txt"));
            out.write(version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The drop-in and data directories, and INFO logging on stderr (the runtime's console shows warnings only). */
    private Map<String, String> runtimeOptions(Path deploy, Path data) throws IOException {
        Path logging = dir.resolve("logging.properties");
        Files.writeString(logging, """
                handlers = java.util.logging.ConsoleHandler
                .level = INFO
                java.util.logging.ConsoleHandler.level = INFO
                java.util.logging.SimpleFormatter.format = %4$s: %5$s%6$s%n
                """);
        return Map.of("JDK_JAVA_OPTIONS", "-Dpyrons.deploy=" + deploy + " -Dpyrons.data=" + data
                + " -Djava.util.logging.config.file=" + logging);
    }

    private static Set<String> register(StoreClient client) {
        Set<String> registered = new TreeSet<>();
        for (String[] r : NAMES) {
            StringBuilder metadata = new StringBuilder();
            for (int i = 2; i < r.length; i++) {
                metadata.append(i > 2 ? ", " : "").append('"').append(r[i]).append('"');
            }
            assertEquals(List.of("[\"register\", null]"),
                    client.ops("[\"register\", \"" + r[0] + "\", \"" + r[1] + "\", [" + metadata + "]]"));
            registered.add(StoreClient.entry(r[0], r[1], Set.copyOf(List.of(r).subList(2, r.length))));
        }
        assertEquals(registered, client.dumpWithoutNameServer());
        return registered;
    }

    /** The storage bundle pyrons.jar carries, copied out as a user would drop its jar (written elsewhere, moved in). */
    private void copyEmbeddedBundle(String prefix, Path target) throws IOException {
        try (ZipFile runtime = new ZipFile(ServerKind.requireJar().toFile())) {
            ZipEntry bundle = runtime.stream().filter(e -> e.getName().startsWith("jar/" + prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("pyrons.jar holds no jar/" + prefix + "*"));
            Path partial = dir.resolve(target.getFileName() + ".part");
            try (InputStream in = runtime.getInputStream(bundle)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private Set<String> sqlNames(Path file) {
        ProcessResult result = python.run("sql_names.py", List.of(file.toString()), Map.of(), Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.toString());
        Set<String> names = new TreeSet<>(result.stdout().lines().toList());
        names.removeIf(n -> n.startsWith("Pyro.NameServer\t"));
        return names;
    }
}
