package io.pyrons.itests.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs src/test/python/ns_options.py (a real Pyro4 client) and returns its JSON line, the port replaced by PORT. */
final class OptionsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private OptionsClient() {
    }

    static String run(Python python, String location, int port, Map<String, String> environment, String... steps) {
        List<String> arguments = new ArrayList<>(List.of(location));
        arguments.addAll(List.of(steps));
        ProcessResult result = python.run("ns_options.py", arguments, environment, TIMEOUT);
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
        String out = result.stdout().strip();
        return port > 0 ? out.replaceAll("(?<!\\d)" + port + "(?!\\d)", "PORT") : out;
    }
}
