package io.pyrons.bench.load;

/**
 * Latencies in nanoseconds, counted in log-linear buckets (64 per power of two, so within 1.6%) of fixed size:
 * a client thread records millions of operations without allocating or sorting. Not thread-safe: one per
 * client thread, merged at the end.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB];
    private long total;

    void record(long nanos) {
        counts[index(Math.max(nanos, 1))]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The value at quantile {@code q} (0..1), as the middle of its bucket; 0 when empty. */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (lowerBound(i) + lowerBound(i + 1)) / 2;
            }
        }
        return lowerBound(counts.length - 1);
    }

    static int index(long v) {
        int exp = 63 - Long.numberOfLeadingZeros(v);
        if (exp < SUB_BITS) {
            return (int) v;
        }
        int mantissa = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + mantissa;
    }

    static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB + SUB_BITS - 1;
        long mantissa = index % SUB;
        return (1L << exp) | (mantissa << (exp - SUB_BITS));
    }
}
