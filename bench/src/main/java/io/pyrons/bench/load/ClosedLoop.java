package io.pyrons.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.pyrons.api.PyroProtocol;

/**
 * N clients, each on its own connection and thread, each sending its next request as soon as the previous answer
 * is in. A warm-up phase is run first and not counted (JIT, caches); the measured window reads the server's CPU
 * time before and after. Bounded by time and by a per-client operation count.
 */
final class ClosedLoop {
    private final InetSocketAddress server;
    private final long serverPid;
    private final PyroProtocol protocol;

    ClosedLoop(InetSocketAddress server, long serverPid) {
        this(server, serverPid, PyroProtocol.PYRO4);
    }

    /** Clients that speak {@code protocol} (their requests must be serialized for it). */
    ClosedLoop(InetSocketAddress server, long serverPid, PyroProtocol protocol) {
        this.server = server;
        this.serverPid = serverPid;
        this.protocol = protocol;
    }

    LoadResult run(int wanted, long warmupMillis, long measureMillis, long maxOpsPerClient, ClientOp op)
            throws InterruptedException {
        List<RawPyroClient> clients = connect(wanted);
        if (clients.isEmpty()) {
            return LoadResult.failed(wanted, "no client admitted");
        }
        var phase = new Phase();
        AtomicLong errors = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Worker w = new Worker(clients.get(i), i, op, phase, maxOpsPerClient, errors);
            workers.add(w);
            w.thread.start();
        }
        Thread.sleep(warmupMillis);
        long cpuBefore = serverPid > 0 ? ProcStat.cpuNanos(serverPid) : 0;
        long start = System.nanoTime();
        phase.measuring = true;
        long deadline = start + measureMillis * 1_000_000;
        while (System.nanoTime() < deadline && workers.stream().anyMatch(w -> w.thread.isAlive())) {
            Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        phase.measuring = false;
        long end = System.nanoTime();
        long cpuAfter = serverPid > 0 ? ProcStat.cpuNanos(serverPid) : 0;
        phase.stopped = true;
        LatencyHistogram all = new LatencyHistogram();
        for (Worker w : workers) {
            w.thread.join(30_000);
            w.client.close();
            if (w.thread.isAlive()) {
                w.thread.interrupt();
                w.thread.join(5_000);
            }
            all.add(w.histogram);
        }
        long ops = all.count();
        double cpuPerOp = serverPid > 0 && ops > 0 ? (double) (cpuAfter - cpuBefore) / ops : Double.NaN;
        String note = clients.size() < wanted ? "only " + clients.size() + " of " + wanted + " clients admitted" : "";
        if (errors.get() > 0) {
            note = (note.isEmpty() ? "" : note + "; ") + errors.get() + " errors (" + phase.firstError + ")";
        }
        return new LoadResult(wanted, clients.size(), ops, (end - start) / 1e9, all.quantile(0.5), all.quantile(0.99),
                errors.get(), cpuPerOp, note, all);
    }

    /** Connects and handshakes {@code wanted} clients; a refused client is left out (Pyro4's 40-thread pool). */
    private List<RawPyroClient> connect(int wanted) {
        List<RawPyroClient> clients = new ArrayList<>();
        int refusedInARow = 0;
        for (int i = 0; i < wanted && refusedInARow < 10; i++) {
            try {
                clients.add(RawPyroClient.connected(server, 5_000, protocol));
                refusedInARow = 0;
            } catch (IOException e) {
                refusedInARow++;
            }
        }
        return clients;
    }

    private static final class Phase {
        volatile boolean measuring;
        volatile boolean stopped;
        volatile String firstError;
    }

    private static final class Worker {
        final RawPyroClient client;
        final LatencyHistogram histogram = new LatencyHistogram();
        final Thread thread;

        Worker(RawPyroClient client, int index, ClientOp op, Phase phase, long maxOps, AtomicLong errors) {
            this.client = client;
            this.thread = new Thread(() -> {
                for (long i = 0; i < maxOps && !phase.stopped; i++) {
                    long t0 = System.nanoTime();
                    try {
                        op.run(client, index, i);
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        if (phase.firstError == null) {
                            phase.firstError = e.toString();
                        }
                        return; // this client's connection is in an unknown state: it stops
                    }
                    if (phase.measuring) {
                        histogram.record(System.nanoTime() - t0);
                    }
                }
            }, "client-" + index);
            this.thread.setDaemon(true);
        }
    }
}
