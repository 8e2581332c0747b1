package io.pyrons.storage.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.PyroError;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files move both ways between pyrons and real Pyro4 4.82's {@code Pyro4.naming_storage.SqlStorage}
 * (the storage of {@code pyro4-ns -s sql:FILE}), driven by src/test/python/pyro4_sqlstorage.py.
 * Needs /usr/bin/python3 with Pyro4 (python3-pyro4): without it the test fails, it does not skip.
 */
class Pyro4SqlInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/pyro4_sqlstorage.py");

    @TempDir
    Path dir;

    private static Set<Registration> fixture;

    @BeforeAll
    static void loadFixture() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: this test needs Python 3 with Pyro4 4.82 (apt-get install python3-pyro4)");
        }
        fixture = parse(python("fixture"));
        assertEquals(12, fixture.size(), "fixture size");
    }

    private static List<String> python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python did not finish");
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail("/usr/bin/python3 with Pyro4 is needed (apt-get install python3-pyro4); " + command
                        + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text.lines().filter(line -> !line.isBlank()).toList();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Lines of hex(name) hex(uri) hex(metadata),... or '-'. */
    private static Set<Registration> parse(List<String> lines) {
        HexFormat hex = HexFormat.of();
        Set<Registration> result = new HashSet<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            assertEquals(3, fields.length, line);
            Set<String> metadata = new HashSet<>();
            if (!fields[2].equals("-")) {
                for (String value : fields[2].split(",")) {
                    metadata.add(new String(hex.parseHex(value), StandardCharsets.UTF_8));
                }
            }
            result.add(new Registration(new String(hex.parseHex(fields[0]), StandardCharsets.UTF_8),
                    new String(hex.parseHex(fields[1]), StandardCharsets.UTF_8), metadata));
        }
        return result;
    }

    @Test
    @Timeout(120)
    void opensAFileWrittenByPyro4() throws Exception {
        Path file = dir.resolve("from-pyro4.sqlite");
        python("write", file.toString());
        try (NameStorage store = new SqlStorageProvider().open(file.toString())) {
            assertEquals(fixture, Set.copyOf(store.all()));
            assertEquals(fixture.size(), store.count());
            // Pyro4's LIKE would also return a%b and aXb here; ours is literal
            assertEquals(List.of("a_b"), store.withPrefix("a_").stream().map(Registration::name).toList());
            assertEquals(List.of("example.tagged"), store.withAllMetadata(Set.of("blue", "comma,inside"))
                    .stream().map(Registration::name).toList());
            assertEquals("pyro:low@localhost:050006", store.get("example.lower").uri());
            assertEquals("PYRO:low@localhost:50006", store.get("example.lower").parsedUri().asString());
            // a row that does not parse stays readable; only its lookup fails, with Pyro4's error
            assertEquals("not a uri", store.get("foreign.unparsable").uri());
            assertEquals("invalid uri",
                    assertThrows(PyroError.class, () -> store.get("foreign.unparsable").parsedUri()).getMessage());
            store.put(new Registration("added.by.pyrons", "PYRO:j@localhost:1", Set.of("java")), false);
            store.remove("aXb");
        }
        Set<Registration> expected = new HashSet<>(fixture);
        expected.removeIf(r -> r.name().equals("aXb"));
        expected.add(new Registration("added.by.pyrons", "PYRO:j@localhost:1", Set.of("java")));
        assertEquals(expected, parse(python("dump", file.toString())), "Pyro4 reads back what pyrons changed");
    }

    @Test
    @Timeout(120)
    void pyro4OpensAFileWrittenByPyrons() throws Exception {
        Path file = dir.resolve("from-pyrons.sqlite");
        try (NameStorage store = new SqlStorageProvider().open(file.toString())) {
            store.put(new Registration("example.removed", "PYRO:gone@localhost:1", Set.of("blue")), false);
            for (Registration registration : fixture) {
                store.put(new Registration(registration.name(), "PYRO:old@localhost:1", Set.of("old")), false);
                store.put(registration, false);
            }
            store.remove("example.removed");
        }
        assertEquals(fixture, parse(python("dump", file.toString())));
    }
}
