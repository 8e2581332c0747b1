package io.pyrons.storage.dbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: {@code pyrons -s dbm:F} next to the store that {@code pyro4-ns -s dbm:F} wrote imports every name and
 * URI once, never starts empty beside it, and never changes the Python files. The stores are written by real Pyro4
 * 4.82's {@code naming_storage.DbmStorage} (src/test/python/pyro4_dbmstorage.py) with Debian's {@code dbm.ndbm}
 * (Berkeley DB hash, {@code F.db}) and with {@code dbm.dumb} ({@code F.dat}/{@code F.dir}); what Pyro4 reads back
 * is the expected content. Needs /usr/bin/python3 with Pyro4 (python3-pyro4): without it the test fails.
 */
class DbmPythonImportTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/pyro4_dbmstorage.py");

    @TempDir
    Path dir;

    /** Writes a store through Pyro4 (count 0: only reads it) and returns what Pyro4 reads back. */
    private static Map<String, String> pyro4(String module, Path file, int count, int seed) throws Exception {
        List<String> command = List.of(PYTHON.toString(), SCRIPT.toString(), module, file.toString(),
                Integer.toString(count), Integer.toString(seed));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("/usr/bin/python3 with Pyro4 is needed (apt-get install python3-pyro4); " + command + " exited with "
                    + process.exitValue() + ":\n" + text);
        }
        HexFormat hex = HexFormat.of();
        Map<String, String> names = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\t");
                names.put(new String(hex.parseHex(fields[0]), StandardCharsets.UTF_8),
                        new String(hex.parseHex(fields[1]), StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    private static Map<String, String> contents(NameStorage store) {
        return store.all().stream().collect(Collectors.toMap(Registration::name, Registration::uri, (a, b) -> a, TreeMap::new));
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(new TreeMap<>(before).keySet(), new TreeMap<>(after).keySet(), "no file created or removed");
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " left as it was"));
    }

    private StorageException assertRefused(Path location, String... mentions) throws IOException {
        Map<Path, byte[]> before = snapshot();
        StorageException error = assertThrows(StorageException.class,
                () -> new DbmStorageProvider().open(location.toString()).close());
        for (String mention : mentions) {
            assertTrue(error.getMessage().contains(mention), "'" + mention + "' in: " + error.getMessage());
        }
        assertSameFiles(before, snapshot());
        return error;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndbm", "dumb"})
    @Timeout(180)
    void everyNameAndUriOfPyro4sDbmStoreIsImportedOnceAndThePythonFilesStayAsTheyWere(String module) throws Exception {
        Path location = dir.resolve("names");
        // dbm.dumb rewrites its whole index on every change: fewer names keep the test short
        Map<String, String> expected = pyro4(module, location, module.equals("dumb") ? 300 : 800, 7);
        assertTrue(expected.size() > 200, "a store of many names: " + expected.size());
        assertTrue(expected.keySet().stream().anyMatch(n -> n.length() > 5000), "names that need overflow pages");
        assertFalse(Files.exists(location), "Pyro4 wrote " + (module.equals("ndbm") ? "names.db" : "names.dat/.dir"));
        Map<Path, byte[]> python = snapshot();

        try (NameStorage store = new DbmStorageProvider().open(location.toString())) {
            assertEquals(expected, contents(store));
            assertTrue(store.all().stream().allMatch(r -> r.metadata().isEmpty()), "Pyro4's dbm keeps no metadata");
            store.put(new Registration("added.by.pyrons", "PYRO:new@localhost:1", Set.of("meta")), false);
        }
        Map<Path, byte[]> after = snapshot();
        assertTrue(after.containsKey(location), "the pyrons store is at the same path, so -s dbm:F keeps working");
        after.remove(location);
        assertSameFiles(python, after);

        // opened again: the pyrons store as it was left, no second import
        expected.put("added.by.pyrons", "PYRO:new@localhost:1");
        try (NameStorage store = new DbmStorageProvider().open(location.toString())) {
            assertEquals(expected, contents(store));
            assertEquals(Set.of("meta"), store.get("added.by.pyrons").metadata());
        }
        assertEquals(expected.size() - 1, pyro4(module, location, 0, 0).size(), "Pyro4 still reads its own files");
    }

    @Test
    void aPythonStoreChangedAfterTheImportIsRefusedNotIgnored() throws Exception {
        Path location = dir.resolve("names");
        pyro4("ndbm", location, 30, 1);
        new DbmStorageProvider().open(location.toString()).close();
        pyro4("ndbm", location, 40, 2); // pyro4-ns ran on it again
        assertRefused(location, location + ".db", "pyro4-ns run on it since");
    }

    @Test
    void aPythonStoreBesideAStoreThatNeverImportedItIsRefused() throws Exception {
        Path location = dir.resolve("names");
        try (NameStorage store = new DbmStorageProvider().open(location.toString())) {
            store.put(new Registration("pyrons.name", "PYRO:a@localhost:1", Set.of()), false);
        }
        pyro4("dumb", location.resolveSibling("other"), 5, 1);
        Files.move(dir.resolve("other.dat"), dir.resolve("names.dat"));
        Files.move(dir.resolve("other.dir"), dir.resolve("names.dir"));
        assertRefused(location, location + ".dir", "never imported");
    }

    @Test
    void aDamagedBerkeleyDbFileIsRefusedOrImportedWholeNeverInPart() throws Exception {
        Path location = dir.resolve("names");
        Map<String, String> expected = pyro4("ndbm", location, 600, 3);
        Path db = dir.resolve("names.db");
        byte[] intact = Files.readAllBytes(db);
        int pageSize = ByteBuffer.wrap(intact).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
        int pages = intact.length / pageSize;
        List<Integer> refused = new ArrayList<>();
        for (int page = 1; page < pages; page++) {
            byte[] damaged = intact.clone();
            for (int i = page * pageSize + 8; i < page * pageSize + 40; i++) {
                damaged[i] = (byte) 0xA5; // the page header: page number, links, entries, type
            }
            Files.write(db, damaged);
            Map<Path, byte[]> before = snapshot();
            try (NameStorage store = new DbmStorageProvider().open(location.toString())) {
                // a page no bucket reaches (free, or set aside for a later split) holds nothing
                assertEquals(expected, contents(store), "page " + page + " damaged, names missing");
            } catch (StorageException e) {
                assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("damaged"), e.getMessage());
                assertSameFiles(before, snapshot());
                refused.add(page);
            }
            Files.deleteIfExists(location);
        }
        assertTrue(refused.size() > pages / 2, "refused " + refused + " of " + pages + " pages");
        Files.write(db, Arrays.copyOf(intact, intact.length / 2));
        assertRefused(location, db.toString(), "truncated");
    }

    @Test
    void gnuDbmAndClassicNdbmStoresAreRefusedNamingFileAndFormat() throws IOException {
        Path gnu = dir.resolve("gnu");
        byte[] header = new byte[4096];
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(0x13579acf);
        Files.write(gnu, header);
        assertRefused(gnu, gnu.toString(), "GNU dbm");

        Path ndbm = dir.resolve("classic");
        Files.write(dir.resolve("classic.pag"), new byte[1024]);
        Files.write(dir.resolve("classic.dir"), new byte[1024]);
        assertRefused(ndbm, ndbm + ".pag", ".pag/.dir");
    }

    @Test
    void aFileThatOnlySharesTheNameIsNoPythonStore() throws IOException {
        Path location = dir.resolve("names");
        Files.writeString(dir.resolve("names.db"), "not a database");
        Files.writeString(dir.resolve("names.dir"), "some directory listing");
        Files.writeString(dir.resolve("names.dat"), "some data");
        try (NameStorage store = new DbmStorageProvider().open(location.toString())) {
            assertEquals(0, store.count());
        }
    }
}
