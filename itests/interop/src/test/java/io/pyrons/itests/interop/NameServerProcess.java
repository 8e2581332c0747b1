package io.pyrons.itests.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@(.+):(\\d+)$");

    private final ServerKind kind;
    private final ManagedProcess process;
    private String host;
    private int port;

    private NameServerProcess(ServerKind kind, ManagedProcess process) {
        this.kind = kind;
        this.process = process;
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
        var env = new HashMap<>(kind.environment());
        env.putAll(environment);
        var server = new NameServerProcess(kind, ManagedProcess.start(kind.toString(), command, env));
        try {
            Matcher uriLine = server.process.awaitStdoutLine(command, URI_LINE, "'URI = ' line", STARTUP_TIMEOUT);
            server.host = uriLine.group(1);
            server.port = Integer.parseInt(uriLine.group(2));
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
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
        return process.stdoutLines();
    }

    List<String> stderrLines() {
        return process.stderrLines();
    }

    /** Sends a line to the process's standard input (pyrons: its Gogo console, when it reads one). */
    void sendLine(String line) {
        process.send(line + "\n");
    }

    /** Both streams, labelled, for failure messages. */
    String output() {
        return process.output();
    }

    /**
     * Waits until a line printed after the given marks (line counts of stdout and stderr) matches;
     * returns it, or null when none did within the time.
     */
    String awaitNewOutputLine(int stdoutMark, int stderrMark, Predicate<String> wanted, Duration timeout) {
        return process.awaitNewOutputLine(stdoutMark, stderrMark, wanted, timeout);
    }

    /** Stops the process by its PID: SIGTERM first, then SIGKILL if it does not exit in time. */
    @Override
    public void close() {
        process.stop();
    }

    /**
     * Kills the process by its PID with SIGKILL, as a crash or power loss would: no shutdown hook runs, nothing
     * is flushed or closed. Returns once it is gone; {@link #close()} afterwards is harmless.
     */
    void kill() {
        process.kill();
    }

    /** Exit code after {@link #close()}. */
    int exitCode() {
        return process.exitCode();
    }
}
