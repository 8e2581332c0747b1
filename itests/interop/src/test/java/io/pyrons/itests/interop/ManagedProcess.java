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
 * A started process whose stdout and stderr lines are collected by reader threads for its whole life, and which
 * is stopped by its own PID (SIGTERM, then SIGKILL if it lingers). The name server wrappers share it.
 */
final class ManagedProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String label;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ManagedProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout, label + " stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, label + " stderr");
    }

    /** Starts {@code command} with {@code environment} added to ours; {@code label} names it in {@link #output()}. */
    static ManagedProcess start(String label, List<String> command, Map<String, String> environment) {
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            return new ManagedProcess(label, builder.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
    }

    /** Writes {@code text} to the process's standard input (a pipe, open for its whole life). */
    void send(String text) {
        try {
            process.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new AssertionError(label + ": cannot write to its standard input: " + e, e);
        }
    }

    /**
     * Waits up to {@code timeout} for a stdout line matching {@code wanted} and returns its matcher; fails, with
     * the output, when the process exits first or the time runs out. {@code what} describes the line.
     */
    Matcher awaitStdoutLine(List<String> command, Pattern wanted, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdoutLines()) {
                Matcher matcher = wanted.matcher(line);
                if (matcher.matches()) {
                    return matcher;
                }
            }
            if (!process.isAlive()) {
                joinReaders();
                throw new AssertionError(command + " exited with " + process.exitValue()
                        + " before printing " + what + "\n" + output());
            }
            pause(50);
        }
        throw new AssertionError(command + " printed no " + what + " within " + timeout + "\n" + output());
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

    /** Waits up to {@code timeout} for the process to exit by itself; once it has, all its output is collected. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        joinReaders();
        return true;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
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

    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Both streams, labelled, for failure messages. */
    String output() {
        return "--- " + label + " stdout ---\n" + String.join("\n", stdoutLines())
                + "\n--- " + label + " stderr ---\n" + String.join("\n", stderrLines());
    }

    /** Stops the process by its PID: SIGTERM first, then SIGKILL if it does not exit in time. */
    void stop() {
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
     * is flushed or closed. Returns once it is gone; {@link #stop()} afterwards is harmless.
     */
    void kill() {
        process.destroyForcibly(); // SIGKILL on Unix
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(label + " (pid " + process.pid() + ") survived SIGKILL for " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        joinReaders();
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
