package io.pyrons.itests.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name server of one {@link ServerKind} running inside a network namespace ({@code ip netns exec NS ...}),
 * ready once it prints its {@code URI = } line. {@code ip netns exec} execs the server, so the PID of the
 * started process is the server's own: it is stopped by that PID (SIGTERM, then SIGKILL if it lingers).
 */
final class NamespacedNameServer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern URI_LINE = Pattern.compile("^URI = (PYRO:Pyro\\.NameServer@.+:\\d+)$");

    private final ServerKind kind;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread[] readers;
    private String uri;

    private NamespacedNameServer(ServerKind kind, Process process) {
        this.kind = kind;
        this.process = process;
        this.readers = new Thread[]{collect(process.getInputStream(), stdout), collect(process.getErrorStream(), stderr)};
    }

    /** Starts {@code kind} with {@code options} inside {@code namespace} and waits for its URI line. */
    static NamespacedNameServer start(String namespace, ServerKind kind, List<String> options) {
        List<String> command = NetworkNamespacePair.inNamespace(namespace, kind.commandWith(options));
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(kind.environment());
        NamespacedNameServer server;
        try {
            server = new NamespacedNameServer(kind, builder.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
        try {
            server.awaitUriLine(command);
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    private void awaitUriLine(List<String> command) {
        long deadline = System.nanoTime() + NameServerProcess.STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdoutLines()) {
                Matcher m = URI_LINE.matcher(line);
                if (m.matches()) {
                    uri = m.group(1);
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
        throw new AssertionError(command + " printed no 'URI = ' line within " + NameServerProcess.STARTUP_TIMEOUT
                + "\n" + output());
    }

    /** The URI from the server's {@code URI = } line. */
    String uri() {
        return uri;
    }

    ServerKind kind() {
        return kind;
    }

    /** The process that was started, which {@code ip netns exec} has replaced by the server. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
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
        process.toHandle().destroy(); // SIGTERM, keeping our ends of the pipes open for the shutdown lines
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
        }, "namespaced name server output");
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
