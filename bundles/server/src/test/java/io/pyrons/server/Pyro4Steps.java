package io.pyrons.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs src/test/python/pyro4_steps.py (a real Pyro4 client) and returns what it printed. */
final class Pyro4Steps {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/pyro4_steps.py").toAbsolutePath();

    private Pyro4Steps() {
    }

    static String run(String uri, Map<String, String> environment, String... steps) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), uri));
        command.addAll(List.of(steps));
        Path log = Files.createTempFile("pyro4-steps", ".out");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PYRO_"));
        builder.environment().putAll(environment);
        Process p = builder.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("python client did not finish in 60 s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assumeTrue(!out.contains("No module named 'Pyro4'"), "python3-pyro4 not installed");
            return out;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }
}
