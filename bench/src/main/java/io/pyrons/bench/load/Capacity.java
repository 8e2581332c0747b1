package io.pyrons.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many clients a server keeps, and whether it still serves newcomers when some connections misbehave:
 * {@code idle} connections that did their handshake and then say nothing, then {@code silent} TCP connections
 * that never send a byte (a stuck or malicious client), then fresh clients, one after another, that connect,
 * handshake and call {@code ping()}: their latency is what a new user sees.
 */
final class Capacity {
    record Result(int idleAdmitted, double idleSeconds, int silentOpen, int freshOk, int freshTried,
                  LatencyHistogram fresh, String note) {
    }

    private Capacity() {
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort: the server is stopped next anyway
        }
    }

    static Result run(InetSocketAddress server, int idle, int silent, int fresh, long budgetMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        ConcurrentLinkedQueue<AutoCloseable> open = new ConcurrentLinkedQueue<>();
        try {
            long t0 = System.nanoTime();
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            List<Thread> openers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    int refusedInARow = 0;
                    while (next.getAndIncrement() < idle && refusedInARow < 25 && System.nanoTime() < deadline) {
                        try {
                            open.add(RawPyroClient.connected(server, 3_000));
                            admitted.incrementAndGet();
                            refusedInARow = 0;
                        } catch (IOException e) {
                            refusedInARow++;
                        }
                    }
                }, "idle-opener-" + t);
                th.start();
                openers.add(th);
            }
            for (Thread th : openers) {
                th.join(budgetMillis);
            }
            double idleSeconds = (System.nanoTime() - t0) / 1e9;
            int silentOpen = 0;
            for (int i = 0; i < silent && System.nanoTime() < deadline; i++) {
                Socket s = new Socket();
                try {
                    s.connect(server, 3_000);
                    open.add(s);
                    silentOpen++;
                } catch (IOException e) {
                    closeQuietly(s);
                    break;
                }
            }
            LatencyHistogram latencies = new LatencyHistogram();
            int ok = 0;
            int tried = 0;
            int failedInARow = 0;
            String firstFailure = "";
            Map<String, Object> noKwargs = Map.of();
            for (int i = 0; i < fresh && failedInARow < 5 && System.nanoTime() < deadline; i++) {
                tried++;
                long f0 = System.nanoTime();
                try (RawPyroClient c = RawPyroClient.connected(server, 2_000)) {
                    c.call("ping", List.of(), noKwargs);
                    latencies.record(System.nanoTime() - f0);
                    ok++;
                    failedInARow = 0;
                } catch (IOException e) {
                    failedInARow++;
                    if (firstFailure.isEmpty()) {
                        firstFailure = e.getMessage();
                    }
                }
            }
            String note = ok < tried ? (tried - ok) + " of " + tried + " fresh clients failed (" + firstFailure + ")" : "";
            return new Result(admitted.get(), idleSeconds, silentOpen, ok, tried, latencies, note);
        } finally {
            open.forEach(Capacity::closeQuietly);
        }
    }
}
