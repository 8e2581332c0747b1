package io.pyrons.itests.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs src/test/python/ns_store.py (real Pyro4 4.82 clients) against a name server on host:port. A registration is
 * shown as an entry {@code name<TAB>uri<TAB>sorted,metadata}, the same on the Python and the Java side.
 */
final class StoreClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Python python;
    private final String location;

    StoreClient(Python python, String host, int port) {
        this.python = python;
        this.location = host + ":" + port;
    }

    static String entry(String name, String uri, Set<String> metadata) {
        return name + "\t" + uri + "\t" + String.join(",", new TreeSet<>(metadata));
    }

    /** The entries ns_store.py's {@code write PREFIX CLIENTS COUNT [churn]} leaves behind when every call succeeds. */
    static Set<String> expectedWrites(String prefix, int clients, int count, boolean churn) {
        var entries = new TreeSet<String>();
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < count; i++) {
                if (churn && i % 4 == 0) {
                    continue;
                }
                Set<String> metadata = churn && i % 4 == 1 ? Set.of("updated") : Set.of("client:" + c, "seq:" + i);
                entries.add(entry(prefix + c + "." + i, "PYRO:obj_" + c + "_" + i + "@localhost:" + (9000 + c), metadata));
            }
        }
        return entries;
    }

    /** Every registration but the name server's own (whose URI names the port of whichever server wrote it). */
    Set<String> dumpWithoutNameServer() {
        var entries = new TreeSet<String>();
        for (String line : dump(null)) {
            if (!line.startsWith("Pyro.NameServer\t")) {
                entries.add(line);
            }
        }
        return entries;
    }

    List<String> dump(String prefix) {
        var arguments = new ArrayList<>(List.of(location, "dump"));
        if (prefix != null) {
            arguments.add(prefix);
        }
        return succeeded(python.run("ns_store.py", arguments, Map.of(), TIMEOUT)).stdout().lines().toList();
    }

    /** Runs ops (JSON lists, see ns_store.py) and returns one JSON line per op. */
    List<String> ops(String... ops) {
        var arguments = new ArrayList<>(List.of(location, "ops"));
        arguments.addAll(List.of(ops));
        return succeeded(python.run("ns_store.py", arguments, Map.of(), TIMEOUT)).stdout().lines().toList();
    }

    /** ns_store.py write, run to its end. */
    ProcessResult write(String prefix, int clients, int count, boolean churn) {
        var arguments = new ArrayList<>(List.of(location, "write", prefix, Integer.toString(clients), Integer.toString(count)));
        if (churn) {
            arguments.add("churn");
        }
        return python.run("ns_store.py", arguments, Map.of(), TIMEOUT);
    }

    private static ProcessResult succeeded(ProcessResult result) {
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
        return result;
    }
}
