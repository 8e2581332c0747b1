package io.pyrons.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Durations in log-linear buckets, for percentiles that cost the hot path one {@link LongAdder#increment} and no
 * lock: values below 16 ns have a bucket each, above that every power of two is split into 8 buckets, so a
 * percentile is reported with at most 12.5% error. Counts since start; {@link #percentile} reads a moment's view.
 */
final class LatencyHistogram {
    /** Sub-buckets per power of two: 2^3. */
    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    /** Values below this are exact: 2 * SUB. */
    private static final int LINEAR = 2 * SUB;
    private static final int BUCKETS = LINEAR + (63 - (SUB_BITS + 1)) * SUB;

    private final LongAdder[] counts = new LongAdder[BUCKETS];
    private final LongAdder sum = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[bucket(v)].increment();
        sum.add(v);
    }

    static int bucket(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS + 1
        int mantissa = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return LINEAR + (exp - SUB_BITS - 1) * SUB + mantissa;
    }

    /** The largest value that falls into {@code bucket}. */
    static long upperBound(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int exp = (bucket - LINEAR) / SUB + SUB_BITS + 1;
        long mantissa = (bucket - LINEAR) % SUB;
        long low = (SUB + mantissa) << (exp - SUB_BITS);
        return low + (1L << (exp - SUB_BITS)) - 1;
    }

    long count() {
        long n = 0;
        for (LongAdder c : counts) {
            n += c.sum();
        }
        return n;
    }

    long sum() {
        return sum.sum();
    }

    /**
     * The value below or at which {@code fraction} (0..1] of the recorded values lie, as its bucket's upper bound;
     * 0 when nothing was recorded.
     */
    long percentile(double fraction) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts[i].sum();
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /** The upper bound of the highest bucket that has a value; 0 when nothing was recorded. */
    long max() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts[i].sum() > 0) {
                return upperBound(i);
            }
        }
        return 0;
    }
}
