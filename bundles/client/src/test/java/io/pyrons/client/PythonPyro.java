package io.pyrons.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real Pyro4 for the integration tests: finds a Python that can import Pyro4 (/usr/bin/python3 first, then
 * python3 on PATH) and fails the test with a clear message when there is none; starts and stops processes
 * by their PID.
 */
public final class PythonPyro {
    private static final Pattern NS_RUNNING = Pattern.compile("NS running on 127\\.0\\.0\\.1:(\\d+) ");

    private PythonPyro() {
    }

    /** The Python executable that imports Pyro4; fails the calling test when none exists. */
    public static String python() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import Pyro4").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not there: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("these tests need Python 3 with Pyro4 4.82 (Debian: apt-get install python3-pyro4); "
                + "neither /usr/bin/python3 nor python3 on PATH can import Pyro4");
    }

    /** A process whose output lines are collected; stopped by its PID on close. */
    public static final class RunningProcess implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        RunningProcess(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("<<output closed: " + e + ">>");
                }
            }, "output of pid " + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits (bounded) for a line matching {@code pattern}; fails with everything read so far. */
        public Matcher await(Pattern pattern, Duration timeout) {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (line != null) {
                        seen.add(line);
                        Matcher m = pattern.matcher(line);
                        if (m.find()) {
                            return m;
                        }
                    } else if (!process.isAlive() && lines.isEmpty()) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fail("process " + process.pid() + " did not print " + pattern + " within " + timeout + "; output: " + seen);
        }

        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            ProcessHandle handle = process.toHandle();
            handle.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    handle.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            }
        }
    }

    /** Starts {@code python args...} with {@code PYRO_*} variables removed and {@code extraEnv} added. */
    public static RunningProcess start(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add(python());
        command.add("-u");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        cleanEnvironment(builder.environment());
        builder.environment().putAll(extraEnv);
        try {
            return new RunningProcess(builder.start());
        } catch (IOException e) {
            return fail("cannot start " + command + ": " + e);
        }
    }

    /** Removes what would make Python's output differ from a plain run (PYRO_* settings, terminal width). */
    public static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PYRO_") || k.equals("COLUMNS"));
        env.put("PYTHONIOENCODING", "utf-8");
    }

    /** A real Pyro4 name server on 127.0.0.1, a free port, no broadcast server. */
    public static final class NameServerProcess implements AutoCloseable {
        private final RunningProcess process;
        private final int port;

        public NameServerProcess(Map<String, String> env) {
            process = start(env, "-m", "Pyro4.naming", "-n", "127.0.0.1", "-p", "0", "-x");
            Matcher m = process.await(NS_RUNNING, Duration.ofSeconds(30));
            port = Integer.parseInt(m.group(1));
        }

        public int port() {
            return port;
        }

        public String uri() {
            return "PYRO:Pyro.NameServer@127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** The test object of src/test/python/echo_server.py, registered in the name server at {@code nsPort}. */
    public static RunningProcess startEchoServer(int nsPort, String unixSocket) {
        Path script = Path.of("src/test/python/echo_server.py").toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            fail("missing test fixture " + script);
        }
        return unixSocket == null
                ? start(Map.of(), script.toString(), "127.0.0.1", Integer.toString(nsPort))
                : start(Map.of(), script.toString(), "127.0.0.1", Integer.toString(nsPort), unixSocket);
    }
}
