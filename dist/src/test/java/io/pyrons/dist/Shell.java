package io.pyrons.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commands run as an operator runs them: with the test JVM's environment less the variables the pyrons scripts
 * read (JAVA_HOME, JAVA_OPTS, the cache directories), plus the given ones. Output goes to files, read when needed.
 */
final class Shell {

    /** What the scripts read from the environment: each test says what it wants of these. */
    private static final List<String> SCRIPT_VARIABLES =
            List.of("JAVA_HOME", "JAVA_OPTS", "PYRONS_CACHE_DIR", "CACHE_DIRECTORY", "XDG_CACHE_HOME");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private Shell() {
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String output() {
            return command + " exited with " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Runs {@code command} in {@code directory} (null: the test's) to its end; fails when it takes longer. */
    static Result run(List<String> command, Map<String, String> environment, Path directory, Duration timeout) {
        try {
            Path out = Files.createTempFile("pyrons-dist-", ".out");
            Path err = Files.createTempFile("pyrons-dist-", ".err");
            try {
                Process process = builder(command, environment, directory, out, err).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    throw new AssertionError(command + " did not end within " + timeout + "\n" + read(out) + read(err));
                }
                return new Result(command, process.exitValue(), read(out), read(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts a name server ({@code pyro-ns ...}) whose output goes to files in {@code logs}. */
    static Server start(List<String> command, Map<String, String> environment, Path directory, Path logs) {
        try {
            Files.createDirectories(logs);
            Path out = Files.createTempFile(logs, "pyro-ns-", ".out");
            Path err = Files.createTempFile(logs, "pyro-ns-", ".err");
            return new Server(command, builder(command, environment, directory, out, err).start(), out, err);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> environment, Path directory,
                                          Path out, Path err) {
        var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeAll(SCRIPT_VARIABLES);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return builder;
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Environment entries, as a modifiable map. */
    static Map<String, String> env(String... keysAndValues) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A started name server: waited for by its {@code URI = } line, stopped by its PID. */
    static final class Server implements AutoCloseable {
        private static final Pattern URI_LINE =
                Pattern.compile("(?m)^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");

        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;

        private Server(List<String> command, Process process, Path out, Path err) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        long pid() {
            return process.pid();
        }

        /** Waits for the {@code URI = } line and returns the port in it. */
        int awaitPort(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher uri = URI_LINE.matcher(stdout());
                if (uri.find()) {
                    return Integer.parseInt(uri.group(1));
                }
                if (!process.isAlive()) {
                    throw new AssertionError(command + " exited with " + process.exitValue()
                            + " before its URI line\n" + output());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            throw new AssertionError(command + " printed no URI line within " + timeout + "\n" + output());
        }

        /** SIGTERM by PID, as systemctl stop does; SIGKILL if it lingers. Returns the exit status. */
        int stop() {
            process.toHandle().destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    throw new AssertionError(command + " did not stop within " + STOP_TIMEOUT + " of SIGTERM\n"
                            + output());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return process.exitValue();
        }

        String stdout() {
            try {
                return read(out);
            } catch (IOException e) {
                return "(cannot read " + out + ": " + e + ")";
            }
        }

        String output() {
            try {
                return "--- pyro-ns stdout ---\n" + read(out) + "\n--- pyro-ns stderr ---\n" + read(err);
            } catch (IOException e) {
                return "(cannot read the output: " + e + ")";
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                stop();
            }
        }
    }
}
