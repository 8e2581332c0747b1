package io.pyrons.itests.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pyrons.jar started the way an operator constrains it: with JVM options (a small {@code -Xmx}) and behind a
 * command that limits the process ({@code prlimit --nofile=N:N --}), on 127.0.0.1 with port 0. Ready once it
 * prints its {@code URI = } line; stopped by its own PID (SIGTERM, then SIGKILL). Its CPU time is read from
 * {@code /proc/PID/stat}, so a busy loop shows even when every request is still answered.
 */
final class LimitedNameServer implements AutoCloseable {
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");
    /** Longer than the other tests': a small heap or few descriptors slow the start, and the build machine is shared. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final ManagedProcess process;
    private int port;

    private LimitedNameServer(ManagedProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code prefix... java jvmOptions... -jar pyrons.jar -n 127.0.0.1 -p 0 options...} with the extra
     * environment and waits for its URI line.
     */
    static LimitedNameServer start(List<String> prefix, List<String> jvmOptions, Map<String, String> environment,
                                   String... options) {
        var command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ServerKind.requireJar().toString(), "-n", "127.0.0.1", "-p", "0"));
        command.addAll(List.of(options));
        var server = new LimitedNameServer(ManagedProcess.start("pyrons", command, environment));
        try {
            Matcher uri = server.process.awaitStdoutLine(command, URI_LINE, "'URI = ' line", STARTUP_TIMEOUT);
            server.port = Integer.parseInt(uri.group(1));
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
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

    /** Waits up to {@code timeout} for the process to exit by itself. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    List<String> stdoutLines() {
        return process.stdoutLines();
    }

    List<String> stderrLines() {
        return process.stderrLines();
    }

    /** Both streams, labelled; only the last {@code maxLines} lines of each, for failure messages of chatty runs. */
    String output(int maxLines) {
        return "--- pyrons stdout (last " + maxLines + ") ---\n" + tail(stdoutLines(), maxLines)
                + "\n--- pyrons stderr (last " + maxLines + ") ---\n" + tail(stderrLines(), maxLines);
    }

    String output() {
        return output(60);
    }

    private static String tail(List<String> lines, int max) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - max), lines.size()));
    }

    /** User plus system CPU time the process has used so far, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    long cpuTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Open file descriptors of the process right now. */
    int openDescriptors() {
        String[] fds = Path.of("/proc", Long.toString(pid()), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    @Override
    public void close() {
        process.stop();
    }
}
