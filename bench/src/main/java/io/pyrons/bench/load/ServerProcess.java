package io.pyrons.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name server under test, run as its own process so that its CPU time and memory can be read from /proc and
 * nothing of it shares the bench's JVM. Every server prints pyro4-ns's {@code NS running on HOST:PORT} line;
 * the port (bound as 0) is taken from it. Stopped by its PID.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("NS running on ([^:\\s]+):(\\d+)");

    final String name;
    final Process process;
    final InetSocketAddress address;
    /** When the process was spawned and when its port line appeared (System.nanoTime). */
    final long spawnedAt;
    final long announcedAt;
    /** When the first ping was answered (set by {@link ServerSpec#start}). */
    volatile long firstPingAt;
    private final List<String> output;

    private ServerProcess(String name, Process process, InetSocketAddress address, long spawnedAt, long announcedAt,
                          List<String> output) {
        this.name = name;
        this.process = process;
        this.address = address;
        this.spawnedAt = spawnedAt;
        this.announcedAt = announcedAt;
        this.output = output;
    }

    /** Servers not stopped yet: stopped by PID when the bench exits in any way but SIGKILL, even on an error. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ServerProcess::stop),
                "stop-servers"));
    }

    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
                               long timeoutMillis) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        long spawned = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        BlockingQueue<Object> port = new ArrayBlockingQueue<>(1);
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> pump(p, port, output, logFile), name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Object got = port.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (got instanceof InetSocketAddress a) {
                return new ServerProcess(name, p, a, spawned, System.nanoTime(), output);
            }
            stop(p);
            throw new IOException(name + " did not announce its port within " + timeoutMillis + " ms; output: "
                    + String.join(" | ", output.subList(0, Math.min(8, output.size()))));
        } catch (InterruptedException e) {
            stop(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + name, e);
        }
    }

    private static void pump(Process p, BlockingQueue<Object> port, List<String> output, Path logFile) {
        try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var log = logFile == null ? null : java.nio.file.Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            boolean announced = false;
            for (String line; (line = r.readLine()) != null; ) {
                if (output.size() < 200) {
                    output.add(line);
                }
                if (log != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                }
                Matcher m = RUNNING.matcher(line);
                if (!announced && m.find()) {
                    announced = true;
                    port.offer(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
                }
            }
            port.offer("exited");
        } catch (IOException e) {
            port.offer("output lost: " + e);
        }
    }

    /**
     * Waits until a client can connect, handshake with the name server object and call {@code ping()}: a server
     * may print its port line before it serves that object. Returns when that first ping was answered
     * (System.nanoTime); bounded by {@code timeoutMillis}.
     */
    long awaitFirstPing(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        byte[] ping = RawPyroClient.callBody("ping", List.of(), Map.of());
        IOException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (RawPyroClient c = RawPyroClient.connected(address, 5_000)) {
                c.invoke(ping, 0);
                firstPingAt = System.nanoTime();
                return firstPingAt;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw new IOException(name + " answered no ping within " + timeoutMillis + " ms"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    long pid() {
        return process.pid();
    }

    long cpuNanos() {
        return ProcStat.cpuNanos(pid());
    }

    long rssBytes() {
        return ProcStat.rssBytes(pid());
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        ProcessHandle h = p.toHandle();
        h.descendants().forEach(ProcessHandle::destroy);
        h.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                h.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            h.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LIVE.remove(p);
    }
}
