package io.pyrons.bench.load;

/**
 * What one scenario measured against one server.
 *
 * @param clients       clients that passed the handshake (of {@code wanted})
 * @param cpuNanosPerOp server process utime+stime per operation; NaN when not measured
 * @param latencies     every measured operation's latency
 */
record LoadResult(int wanted, int clients, long ops, double seconds, long p50Nanos, long p99Nanos, long errors,
                  double cpuNanosPerOp, String note, LatencyHistogram latencies) {
    double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    static LoadResult failed(int wanted, String note) {
        return new LoadResult(wanted, 0, 0, 0, 0, 0, 0, Double.NaN, note, new LatencyHistogram());
    }

    /**
     * Several windows of one scenario as one: operations and time added, latencies merged, server CPU per operation
     * weighted by each window's operations.
     */
    static LoadResult combined(java.util.List<LoadResult> windows) {
        LatencyHistogram all = new LatencyHistogram();
        long ops = 0;
        long errors = 0;
        double seconds = 0;
        double cpu = 0;
        int clients = Integer.MAX_VALUE;
        java.util.List<String> notes = new java.util.ArrayList<>();
        for (LoadResult w : windows) {
            all.add(w.latencies);
            ops += w.ops;
            errors += w.errors;
            seconds += w.seconds;
            cpu += w.cpuNanosPerOp * w.ops;
            clients = Math.min(clients, w.clients);
            if (!w.note.isEmpty()) {
                notes.add(w.note);
            }
        }
        return new LoadResult(windows.get(0).wanted, clients, ops, seconds, all.quantile(0.5), all.quantile(0.99),
                errors, ops > 0 ? cpu / ops : Double.NaN, String.join("; ", notes), all);
    }
}
