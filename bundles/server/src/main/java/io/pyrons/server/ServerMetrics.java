package io.pyrons.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * What the daemon counts: connections, requests by method, serializer and protocol, errors by kind, call latency,
 * bytes. Counting is a {@link LongAdder} per figure (no lock, no shared cache line under contention) and a map
 * look-up for the named dimensions, so the I/O threads' hot path pays a few nanoseconds per request. One instance
 * per daemon, kept across reconfigurations; read over JMX as {@link DaemonMetricsMXBean}.
 */
final class ServerMetrics implements DaemonMetricsMXBean {
    /** Method names come from clients: past this many, the rest are counted together. */
    static final int MAX_NAMES = 256;
    static final String OTHER = "(other)";
    static final String PING = "(ping)";

    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder closedByTimeout = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    private final Names methods = new Names();
    private final Names protocols = new Names();
    private final Names errors = new Names();
    /** By serializer id (one byte on the wire in every protocol version); named when read. */
    private final LongAdder[] serializers = new LongAdder[256];
    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile IntSupplier openConnections = () -> 0;
    private volatile IntFunction<String> serializerNames = id -> "id " + id;

    ServerMetrics() {
        for (int i = 0; i < serializers.length; i++) {
            serializers[i] = new LongAdder();
        }
    }

    /** Where the open connections and the serializers' names are read from. */
    void readFrom(IntSupplier open, IntFunction<String> names) {
        openConnections = open;
        serializerNames = names;
    }

    /** A message after the handshake arrived in {@code protocol} and serializer {@code serializerId}. */
    void request(String protocol, int serializerId) {
        protocols.count(protocol);
        serializers[serializerId & 0xFF].increment();
    }

    /** A call of {@code method} took {@code nanos} from its decoded request to its encoded answer. */
    void call(String method, long nanos) {
        methods.count(method);
        latency.record(nanos);
    }

    void ping() {
        methods.count(PING);
    }

    void error(String kind) {
        errors.count(kind);
    }

    // ---- DaemonMetricsMXBean

    @Override
    public int getConnectionsOpen() {
        return openConnections.getAsInt();
    }

    @Override
    public long getConnectionsAccepted() {
        return accepted.sum();
    }

    @Override
    public long getConnectionsRefused() {
        return refused.sum();
    }

    @Override
    public long getConnectionsClosedByTimeout() {
        return closedByTimeout.sum();
    }

    @Override
    public long getRequests() {
        // every request is counted once, under its protocol: no adder of its own on the hot path
        return protocols.snapshot().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<String, Long> getRequestsByMethod() {
        return methods.snapshot();
    }

    @Override
    public Map<String, Long> getRequestsBySerializer() {
        Map<String, Long> named = new TreeMap<>();
        for (int id = 0; id < serializers.length; id++) {
            long n = serializers[id].sum();
            if (n > 0) {
                named.merge(serializerNames.apply(id), n, Long::sum);
            }
        }
        return named;
    }

    @Override
    public Map<String, Long> getRequestsByProtocol() {
        return protocols.snapshot();
    }

    @Override
    public Map<String, Long> getErrorsByKind() {
        return errors.snapshot();
    }

    @Override
    public long getLatencyCount() {
        return latency.count();
    }

    @Override
    public double getLatencyMeanMicros() {
        long n = latency.count();
        return n == 0 ? 0 : latency.sum() / 1000.0 / n;
    }

    @Override
    public double getLatencyP50Micros() {
        return latency.percentile(0.5) / 1000.0;
    }

    @Override
    public double getLatencyP90Micros() {
        return latency.percentile(0.9) / 1000.0;
    }

    @Override
    public double getLatencyP99Micros() {
        return latency.percentile(0.99) / 1000.0;
    }

    @Override
    public double getLatencyP999Micros() {
        return latency.percentile(0.999) / 1000.0;
    }

    @Override
    public double getLatencyMaxMicros() {
        return latency.max() / 1000.0;
    }

    @Override
    public long getBytesIn() {
        return bytesIn.sum();
    }

    @Override
    public long getBytesOut() {
        return bytesOut.sum();
    }

    /** Counts per name, at most {@link #MAX_NAMES} names. */
    private static final class Names {
        private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

        void count(String name) {
            LongAdder n = counts.get(name);
            if (n == null) {
                n = counts.computeIfAbsent(counts.size() < MAX_NAMES ? name : OTHER, k -> new LongAdder());
            }
            n.increment();
        }

        Map<String, Long> snapshot() {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }
    }
}
