package io.pyrons.itests.karaf;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a time limit; a program still running then is stopped by its PID. */
final class Processes {
    record Result(int exitCode, String output) {
    }

    private Processes() {
    }

    static Result run(List<String> command, File directory, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        File output = File.createTempFile("pyrons-itest", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory).redirectErrorStream(true)
                    .redirectOutput(output).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s; output so far:\n" + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
