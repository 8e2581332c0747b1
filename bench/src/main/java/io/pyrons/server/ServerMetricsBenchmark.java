package io.pyrons.server;

import java.util.concurrent.TimeUnit;

import io.pyrons.api.PyroProtocol;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What counting adds to each request on the I/O thread (issue 14): {@link ServerMetrics#request} and
 * {@link ServerMetrics#call} with the two {@code System.nanoTime()} calls around a call, as {@code RequestHandler}
 * makes them for a lookup. In the server's package because the metrics are the daemon's own, not an API. Compare
 * with the server CPU per lookup in the load table (≈ 12-17 µs): the ratio is the hot path's cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ServerMetricsBenchmark {
    private final ServerMetrics metrics = new ServerMetrics();
    private final PyroProtocol protocol = PyroProtocol.PYRO4;
    private final String method = new String("lookup"); // not interned: as decoded from a request

    @Benchmark
    @Threads(1)
    public long countOneLookup() {
        long start = System.nanoTime();
        metrics.request(protocol, 1);
        metrics.call(method, System.nanoTime() - start);
        return start;
    }

    @Benchmark
    @Threads(2)
    public long countOneLookupTwoIoThreads() {
        return countOneLookup();
    }
}
