package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4: concurrent writers on {@code -s sql:FILE} never see "database is locked" and never lose an update.
 * 24 Pyro4 clients (3 processes of 8 threads, each thread its own connection, all released together) register,
 * remove and re-tag names at once; every call must succeed and the final contents must be exact.
 * pyro4-ns passes too (it proves the test).
 */
class ConcurrentWritersTest {
    private static final int PROCESSES = 3;
    private static final int THREADS = 8;
    private static final int NAMES_EACH = 20;

    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void twentyFourWritersAllSucceedAndNothingIsLost(ServerKind kind) throws IOException, InterruptedException {
        try (NameServerProcess server = NameServerProcess.start(kind, "-s", "sql:" + dir.resolve("names.sqlite"))) {
            var clients = new ArrayList<Process>();
            var expected = new TreeSet<String>();
            try {
                for (int p = 0; p < PROCESSES; p++) {
                    String prefix = "writer" + p + ".";
                    clients.add(python.start("ns_store.py", List.of(server.host() + ":" + server.port(), "write", prefix,
                            Integer.toString(THREADS), Integer.toString(NAMES_EACH), "churn"),
                            dir.resolve(p + ".out"), dir.resolve(p + ".err")));
                    expected.addAll(StoreClient.expectedWrites(prefix, THREADS, NAMES_EACH, true));
                }
                var acknowledged = new TreeSet<String>();
                for (int p = 0; p < PROCESSES; p++) {
                    assertTrue(clients.get(p).waitFor(90, TimeUnit.SECONDS), "writer process " + p + " finished");
                    String out = Files.readString(dir.resolve(p + ".out"));
                    String report = out + Files.readString(dir.resolve(p + ".err")) + "\n" + server.output();
                    assertFalse(out.contains("ERROR"), report);
                    assertEquals(0, clients.get(p).exitValue(), report);
                    out.lines().filter(l -> l.startsWith("ACK ")).forEach(l -> acknowledged.add(l.substring(4)));
                }
                assertEquals(expected, acknowledged);
            } finally {
                clients.forEach(Process::destroyForcibly);
            }
            StoreClient client = new StoreClient(python, server.host(), server.port());
            Set<String> stored = client.dumpWithoutNameServer();
            assertEquals(PROCESSES * THREADS * NAMES_EACH * 3 / 4, stored.size());
            assertEquals(expected, stored, "every register, remove and set_metadata took effect");
            assertFalse(server.output().contains("locked"), server.output());
        }
    }
}
