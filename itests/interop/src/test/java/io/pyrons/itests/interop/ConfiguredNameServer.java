package io.pyrons.itests.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name server process started with exactly the given options and extra {@code PYRO_*} environment, ready once
 * a stdout line matches {@code ready} (the Unix-socket and NAT startups print no {@code URI = host:port} line,
 * which {@link NameServerProcess} waits for). Stopped by its own PID: SIGTERM, then SIGKILL if it lingers.
 */
final class ConfiguredNameServer implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ServerKind kind;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread[] readers;
    private Matcher readyLine;

    private ConfiguredNameServer(ServerKind kind, Process process) {
        this.kind = kind;
        this.process = process;
        this.readers = new Thread[]{collect(process.getInputStream(), stdout), collect(process.getErrorStream(), stderr)};
    }

    /** Starts {@code kind} with {@code options} and waits up to the startup timeout for a line matching {@code ready}. */
    static ConfiguredNameServer start(ServerKind kind, List<String> options, Map<String, String> environment, Pattern ready) {
        List<String> command = kind.commandWith(options);
        var builder = new ProcessBuilder(command);
        var env = new HashMap<>(kind.environment());
        env.putAll(environment);
        builder.environment().putAll(env);
        ConfiguredNameServer server;
        try {
            server = new ConfiguredNameServer(kind, builder.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
        try {
            server.awaitReady(command, ready);
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** Starts the process and returns once it has exited (for startups that must fail), or fails after the timeout. */
    static ConfiguredNameServer runToExit(ServerKind kind, List<String> options, Map<String, String> environment) {
        List<String> command = kind.commandWith(options);
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(kind.environment());
        builder.environment().putAll(environment);
        ConfiguredNameServer server;
        try {
            server = new ConfiguredNameServer(kind, builder.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
        try {
            if (!server.process.waitFor(NameServerProcess.STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                server.close();
                throw new AssertionError(command + " kept running, but should have refused to start\n" + server.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new AssertionError("interrupted", e);
        }
        server.joinReaders();
        return server;
    }

    private void awaitReady(List<String> command, Pattern ready) {
        long deadline = System.nanoTime() + NameServerProcess.STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdoutLines()) {
                Matcher m = ready.matcher(line);
                if (m.matches()) {
                    readyLine = m;
                    return;
                }
            }
            if (!process.isAlive()) {
                joinReaders();
                throw new AssertionError(command + " exited with " + process.exitValue()
                        + " before printing a line matching " + ready + "\n" + output());
            }
            pause(50);
        }
        throw new AssertionError(command + " printed no line matching " + ready + " in time\n" + output());
    }

    /** A group of the line that made the server ready. */
    String readyGroup(int group) {
        return readyLine.group(group);
    }

    ServerKind kind() {
        return kind;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    String output() {
        List<String> err;
        synchronized (stderr) {
            err = List.copyOf(stderr);
        }
        return "--- " + kind + " stdout ---\n" + String.join("\n", stdoutLines())
                + "\n--- " + kind + " stderr ---\n" + String.join("\n", err);
    }

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

    private void joinReaders() {
        try {
            for (Thread reader : readers) {
                reader.join(STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread collect(InputStream stream, List<String> lines) {
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
        }, "name server output");
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
