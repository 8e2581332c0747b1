package io.pyrons.itests.interop;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A name server of one {@link ServerKind} running inside a network namespace ({@code ip netns exec NS ...}),
 * ready once it prints its {@code URI = } line. {@code ip netns exec} execs the server, so the PID of the
 * started process is the server's own: it is stopped by that PID (SIGTERM, then SIGKILL if it lingers).
 */
final class NamespacedNameServer implements AutoCloseable {

    private static final Pattern URI_LINE = Pattern.compile("^URI = (PYRO:Pyro\\.NameServer@.+:\\d+)$");

    private final ServerKind kind;
    private final ManagedProcess process;
    private String uri;

    private NamespacedNameServer(ServerKind kind, ManagedProcess process) {
        this.kind = kind;
        this.process = process;
    }

    /** Starts {@code kind} with {@code options} inside {@code namespace} and waits for its URI line. */
    static NamespacedNameServer start(String namespace, ServerKind kind, List<String> options) {
        List<String> command = NetworkNamespacePair.inNamespace(namespace, kind.commandWith(options));
        var server = new NamespacedNameServer(kind, ManagedProcess.start(kind.toString(), command, kind.environment()));
        try {
            server.uri = server.process.awaitStdoutLine(
                    command, URI_LINE, "'URI = ' line", NameServerProcess.STARTUP_TIMEOUT).group(1);
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
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
        return process.handle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> stdoutLines() {
        return process.stdoutLines();
    }

    String output() {
        return process.output();
    }

    /** SIGKILL by its PID, as a crash would; returns once it is gone ({@link #close()} afterwards is harmless). */
    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.stop();
    }
}
