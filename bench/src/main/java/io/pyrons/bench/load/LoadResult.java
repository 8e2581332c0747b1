package io.pyrons.bench.load;

/**
 * What one scenario measured against one server.
 *
 * @param clients       clients that passed the handshake (of {@code wanted})
 * @param cpuNanosPerOp server process utime+stime per operation; NaN when not measured
 */
record LoadResult(int wanted, int clients, long ops, double seconds, long p50Nanos, long p99Nanos, long errors,
                  double cpuNanosPerOp, String note) {
    double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    static LoadResult failed(int wanted, String note) {
        return new LoadResult(wanted, 0, 0, 0, 0, 0, 0, Double.NaN, note);
    }
}
