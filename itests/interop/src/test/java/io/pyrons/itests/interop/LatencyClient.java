package io.pyrons.itests.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A well-behaved real Pyro4 client (src/test/python/ns_latency.py) that keeps looking up a name while the test
 * attacks the server, and then says how long its slowest call took, how many failed and how many hung until its
 * COMMTIMEOUT. Started bound to the server; stopped by a stop file, or by its PID if it does not stop.
 */
final class LatencyClient implements AutoCloseable {
    private final Process process;
    private final Path stopFile;
    private final Path out;
    private final Path err;
    private String report;

    private LatencyClient(Process process, Path stopFile, Path out, Path err) {
        this.process = process;
        this.stopFile = stopFile;
        this.out = out;
        this.err = err;
    }

    /** Starts it against 127.0.0.1:{@code port} and waits until it is bound; files go to {@code directory}. */
    static LatencyClient start(Python python, int port, Path directory, Duration commTimeout, Duration maxRun)
            throws IOException, InterruptedException {
        Path stop = directory.resolve("latency.stop");
        Path out = directory.resolve("latency.out");
        Path err = directory.resolve("latency.err");
        Process process = python.start("ns_latency.py", List.of("127.0.0.1", Integer.toString(port), stop.toString(),
                Long.toString(maxRun.toSeconds()), Double.toString(commTimeout.toMillis() / 1000.0)), out, err);
        var client = new LatencyClient(process, stop, out, err);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains("bound")) {
                return client;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        client.close();
        throw new AssertionError("the latency client did not bind:\n" + Files.readString(out) + Files.readString(err));
    }

    /** Stops it (stop file, then its PID) and returns everything it printed. */
    String stop() throws IOException, InterruptedException {
        if (report == null) {
            Files.writeString(stopFile, "stop");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            report = Files.readString(out) + Files.readString(err);
        }
        return report;
    }

    /** A number it reported ({@code rounds}, {@code max_ms}, {@code slow}, {@code errors}, {@code timeouts}); -1 if missing. */
    long value(String name) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(stop());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
