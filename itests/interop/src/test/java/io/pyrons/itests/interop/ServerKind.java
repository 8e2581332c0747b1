package io.pyrons.itests.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two name servers every interop test runs against: the real {@code pyro4-ns} (the oracle, which
 * proves the test itself) and {@code pyrons.jar}. Both take the same options and print the same lines.
 */
enum ServerKind {

    PYRO4_NS {
        @Override
        List<String> command() {
            return List.of("pyro4-ns");
        }

        @Override
        Map<String, String> environment() {
            // pyro4-ns logs nothing unless asked; debug logging on stderr shows its protocol errors
            return Map.of("PYTHONUNBUFFERED", "1", "PYRO_LOGLEVEL", "DEBUG", "PYRO_LOGFILE", "{stderr}");
        }
    },

    PYRONS {
        @Override
        List<String> command() {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return List.of(java, "-jar", requireJar().toString());
        }

        @Override
        Map<String, String> environment() {
            return Map.of();
        }
    };

    /** The program and its fixed leading arguments. */
    abstract List<String> command();

    abstract Map<String, String> environment();

    /** The full command line with the given options appended. */
    List<String> commandWith(List<String> options) {
        var all = new ArrayList<>(command());
        all.addAll(options);
        return all;
    }

    /**
     * The runtime jar under test. A missing jar is a failure, never a skip: these tests exist to prove it.
     */
    static Path requireJar() {
        String property = System.getProperty("pyrons.jar");
        if (property == null || property.isBlank()) {
            throw new AssertionError("system property pyrons.jar is not set (the pom sets it to runtime/target/pyrons.jar)");
        }
        Path jar = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("pyrons runtime jar not found at " + jar
                    + ": build the runtime module first (mvn -pl runtime install, or the whole reactor)");
        }
        return jar;
    }
}
