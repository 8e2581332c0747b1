package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4: a store file pyrons cannot use stops the startup with a clear error naming the file, exit status 1 and
 * no {@code URI = } line; the file keeps its bytes and no journal, WAL or lock file appears beside it. (Running as
 * root, an unreadable file cannot be made with permissions; a directory in the file's place stands for it.)
 */
class StoreFileErrorsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sql, garbage", "sql, truncated-sqlite", "dbm, garbage", "dbm, short-garbage", "sql, directory"})
    void unusableStoreFileStopsTheStartupAndIsLeftAlone(String store, String content) throws IOException {
        Path file = dir.resolve("store." + store);
        byte[] bytes = contents(content);
        if (bytes == null) {
            Files.createDirectory(file);
        } else {
            Files.write(file, bytes);
        }
        List<Path> before = listing();

        ConfiguredNameServer server = ConfiguredNameServer.runToExit(ServerKind.PYRONS,
                List.of("-n", "127.0.0.1", "-p", "0", "-s", store + ":" + file), Map.of());

        String output = server.output();
        assertNotEquals(0, server.exitCode(), output);
        assertTrue(server.stdoutLines().stream().noneMatch(l -> l.startsWith("URI = ")), output);
        if (bytes != null) {
            assertArrayEquals(bytes, Files.readAllBytes(file), "the file is left as it was");
        }
        assertEquals(before, listing(), "nothing created or removed beside the file");
        String error = lastErrorLine(output);
        assertTrue(error.startsWith("pyro-ns: error: ") && error.contains(file.toString()),
                "the error line names the file " + file + "; it is: " + error + "\n" + output);
    }

    /** The file's bytes, or null for a directory in its place. */
    private byte[] contents(String kind) throws IOException {
        var random = new Random(4); // fixed seed: the same garbage on every run
        switch (kind) {
            case "garbage":
                return randomBytes(random, 8192);
            case "short-garbage":
                return randomBytes(random, 5000); // shorter than an MVStore file header
            case "truncated-sqlite":
                return truncatedSqlite();
            case "directory":
                return null;
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A real SQLite file with Pyro4's two tables and some rows, cut off after its first page and a half. */
    private byte[] truncatedSqlite() throws IOException {
        Path whole = dir.resolve("whole.tmp");
        String script = "import sqlite3, sys\n"
                + "db = sqlite3.connect(sys.argv[1])\n"
                + "db.execute('CREATE TABLE pyro_names (id integer PRIMARY KEY, name nvarchar NOT NULL UNIQUE, uri nvarchar NOT NULL)')\n"
                + "db.execute('CREATE TABLE pyro_metadata (object integer NOT NULL, metadata nvarchar NOT NULL)')\n"
                + "db.executemany('INSERT INTO pyro_names(name, uri) VALUES (?, ?)',"
                + " [('n%d' % i, 'PYRO:o@localhost:%d' % (1000 + i)) for i in range(300)])\n"
                + "db.commit()\n";
        ProcessResult made = Commands.run(List.of(Python.locate().interpreter(), "-c", script, whole.toString()),
                Map.of(), null, Duration.ofSeconds(30));
        assertEquals(0, made.exitCode(), made.describe());
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        assertTrue(bytes.length > 8192, "the SQLite file has several pages: " + bytes.length);
        return Arrays.copyOf(bytes, 6000);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** The launcher's one-line reason, the last line on stderr that starts with "pyro-ns:". */
    private static String lastErrorLine(String output) {
        List<String> lines = output.lines().filter(l -> l.startsWith("pyro-ns:")).toList();
        return lines.isEmpty() ? "(no 'pyro-ns:' line)" : lines.get(lines.size() - 1);
    }
}
