package io.pyrons.itests.interop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name server process started with exactly the given options and extra {@code PYRO_*} environment, ready once
 * a stdout line matches {@code ready} (the Unix-socket and NAT startups print no {@code URI = host:port} line,
 * which {@link NameServerProcess} waits for). Stopped by its own PID: SIGTERM, then SIGKILL if it lingers.
 */
final class ConfiguredNameServer implements AutoCloseable {

    private final ServerKind kind;
    private final ManagedProcess process;
    private Matcher readyLine;

    private ConfiguredNameServer(ServerKind kind, ManagedProcess process) {
        this.kind = kind;
        this.process = process;
    }

    /** Starts {@code kind} with {@code options} and waits up to the startup timeout for a line matching {@code ready}. */
    static ConfiguredNameServer start(ServerKind kind, List<String> options, Map<String, String> environment, Pattern ready) {
        List<String> command = kind.commandWith(options);
        var server = launch(kind, command, environment);
        try {
            server.readyLine = server.process.awaitStdoutLine(
                    command, ready, "line matching " + ready, NameServerProcess.STARTUP_TIMEOUT);
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** Starts the process and returns once it has exited (for startups that must fail), or fails after the timeout. */
    static ConfiguredNameServer runToExit(ServerKind kind, List<String> options, Map<String, String> environment) {
        List<String> command = kind.commandWith(options);
        var server = launch(kind, command, environment);
        try {
            if (!server.process.awaitExit(NameServerProcess.STARTUP_TIMEOUT)) {
                server.close();
                throw new AssertionError(command + " kept running, but should have refused to start\n" + server.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new AssertionError("interrupted", e);
        }
        return server;
    }

    private static ConfiguredNameServer launch(ServerKind kind, List<String> command, Map<String, String> environment) {
        var env = new HashMap<>(kind.environment());
        env.putAll(environment);
        return new ConfiguredNameServer(kind, ManagedProcess.start(kind.toString(), command, env));
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
        return process.exitCode();
    }

    List<String> stdoutLines() {
        return process.stdoutLines();
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.stop();
    }
}
