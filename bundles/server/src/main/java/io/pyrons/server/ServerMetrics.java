package io.pyrons.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.pyrons.api.PyroProtocol;

/**
 * What the daemon counts: connections, requests by method, serializer and protocol, errors by kind, call latency,
 * bytes. Counting is a {@link LongAdder} per figure (no lock, no shared cache line under contention) and a map
 * look-up for the named dimensions, so the I/O threads' hot path pays a few nanoseconds per request. One instance
 * per daemon, kept across reconfigurations; read over JMX as {@link DaemonMetricsMXBean}, and by
 * {@link Daemon#requestsByProtocol()} (so {@code ns:status}, PyroDaemon and JMX show the same counts). The open
 * connections are the listening server's live state: read from it, not counted twice.
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
    private final Map<PyroProtocol, LongAdder> protocols = new EnumMap<>(PyroProtocol.class);
    private final Names errors = new Names();
    /**
     * By protocol and serializer id (one byte on the wire in every protocol version, but not the same byte: json is
     * 2 in Pyro4 and 3 in Pyro5); named with the protocol's own ids when read.
     */
    private final LongAdder[][] serializers = new LongAdder[PyroProtocol.values().length][256];
    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile IntSupplier openConnections = () -> 0;
    private volatile Supplier<Map<PyroProtocol, Integer>> openByProtocol = Map::of;
    private volatile BiFunction<PyroProtocol, Integer, String> serializerNames = (p, id) -> "id " + id;

    ServerMetrics() {
        for (PyroProtocol p : PyroProtocol.values()) {
            protocols.put(p, new LongAdder());
            for (int i = 0; i < 256; i++) {
                serializers[p.ordinal()][i] = new LongAdder();
            }
        }
    }

    /** Where the open connections (in all, by protocol) and the serializers' names are read from. */
    void readFrom(IntSupplier open, Supplier<Map<PyroProtocol, Integer>> byProtocol,
                  BiFunction<PyroProtocol, Integer, String> names) {
        openConnections = open;
        openByProtocol = byProtocol;
        serializerNames = names;
    }

    /** A message after the handshake arrived in {@code protocol} and serializer {@code serializerId}. */
    void request(PyroProtocol protocol, int serializerId) {
        protocols.get(protocol).increment();
        serializers[protocol.ordinal()][serializerId & 0xFF].increment();
    }

    /** The requests since the daemon was made, by protocol (every protocol, served or not). */
    Map<PyroProtocol, Long> requestsByProtocol() {
        Map<PyroProtocol, Long> counts = new EnumMap<>(PyroProtocol.class);
        protocols.forEach((p, n) -> counts.put(p, n.sum()));
        return counts;
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
        return protocols.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public Map<String, Long> getRequestsByMethod() {
        return methods.snapshot();
    }

    @Override
    public Map<String, Long> getRequestsBySerializer() {
        Map<String, Long> named = new TreeMap<>();
        for (PyroProtocol p : PyroProtocol.values()) {
            for (int id = 0; id < 256; id++) {
                long n = serializers[p.ordinal()][id].sum();
                if (n > 0) {
                    named.merge(serializerNames.apply(p, id), n, Long::sum);
                }
            }
        }
        return named;
    }

    @Override
    public Map<String, Long> getRequestsByProtocol() {
        return byConfigName(requestsByProtocol());
    }

    @Override
    public Map<String, Integer> getConnectionsOpenByProtocol() {
        return byConfigName(openByProtocol.get());
    }

    /** JMX keys are the protocols' configuration names ({@code pyro4}, {@code pyro5}), as in protocols.accepted. */
    private static <V> Map<String, V> byConfigName(Map<PyroProtocol, V> counts) {
        Map<String, V> named = new TreeMap<>();
        counts.forEach((p, n) -> named.put(p.configName(), n));
        return named;
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
