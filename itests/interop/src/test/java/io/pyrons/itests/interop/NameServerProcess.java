package io.pyrons.itests.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name server running as a separate process on 127.0.0.1 with port 0: started, waited for until it
 * prints its {@code URI = } line, and stopped by its own PID (SIGTERM, then SIGKILL if it lingers).
 * Its stdout and stderr are collected for the whole of its life.
 */
final class NameServerProcess implements AutoCloseable {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@(.+):(\\d+)$");

    private final ServerKind kind;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private String host;
    private int port;

    private NameServerProcess(ServerKind kind, Process process) {
        this.kind = kind;
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout, kind + " stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, kind + " stderr");
    }

    /** Starts {@code kind} with {@code -n 127.0.0.1 -p 0} and the extra options, and waits for its URI line. */
    static NameServerProcess start(ServerKind kind, String... extraOptions) {
        return start(kind, Map.of(), extraOptions);
    }

    /** {@link #start(ServerKind, String...)} with extra {@code PYRO_*} environment (over the kind's own). */
    static NameServerProcess start(ServerKind kind, Map<String, String> environment, String... extraOptions) {
        var options = new ArrayList<>(List.of("-n", "127.0.0.1", "-p", "0"));
        options.addAll(List.of(extraOptions));
        List<String> command = kind.commandWith(options);
        Process process;
        try {
            var builder = new ProcessBuilder(command);
            builder.environment().putAll(kind.environment());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
        var server = new NameServerProcess(kind, process);
        try {
            server.awaitUriLine(command);
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    private void awaitUriLine(List<String> command) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdoutLines()) {
                Matcher matcher = URI_LINE.matcher(line);
                if (matcher.matches()) {
                    host = matcher.group(1);
                    port = Integer.parseInt(matcher.group(2));
                    return;
                }
            }
            if (!process.isAlive()) {
                joinReaders();
                throw new AssertionError(command + " exited with " + process.exitValue()
                        + " before printing its URI line\n" + output());
            }
            pause(50);
        }
        throw new AssertionError(command + " printed no 'URI = ' line within " + STARTUP_TIMEOUT + "\n" + output());
    }

    ServerKind kind() {
        return kind;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Both streams, labelled, for failure messages. */
    String output() {
        return "--- " + kind + " stdout ---\n" + String.join("\n", stdoutLines())
                + "\n--- " + kind + " stderr ---\n" + String.join("\n", stderrLines());
    }

    /**
     * Waits until a line printed after the given marks (line counts of stdout and stderr) matches;
     * returns it, or null when none did within the time.
     */
    String awaitNewOutputLine(int stdoutMark, int stderrMark, Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            List<String> out = stdoutLines();
            List<String> err = stderrLines();
            for (String line : out.subList(Math.min(stdoutMark, out.size()), out.size())) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            for (String line : err.subList(Math.min(stderrMark, err.size()), err.size())) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            pause(50);
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** Stops the process by its PID: SIGTERM first, then SIGKILL if it does not exit in time. */
    @Override
    public void close() {
        // SIGTERM through the handle: Process.destroy() would also close our ends of its pipes and lose the lines
        // the server prints while it shuts down ("NS shut down.").
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        joinReaders();
    }

    /**
     * Kills the process by its PID with SIGKILL, as a crash or power loss would: no shutdown hook runs, nothing
     * is flushed or closed. Returns once it is gone; {@link #close()} afterwards is harmless.
     */
    void kill() {
        process.destroyForcibly(); // SIGKILL on Unix
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(kind + " (pid " + process.pid() + ") survived SIGKILL for " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        joinReaders();
    }

    /** Exit code after {@link #close()}. */
    int exitCode() {
        return process.exitValue();
    }

    private void joinReaders() {
        try {
            stdoutReader.join(STOP_TIMEOUT.toMillis());
            stderrReader.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
