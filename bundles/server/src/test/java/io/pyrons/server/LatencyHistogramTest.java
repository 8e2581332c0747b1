package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyValueFallsInABucketWhoseBoundsHoldItWithin12Percent() {
        long[] values = {0, 1, 15, 16, 17, 31, 32, 1000, 12_345, 999_999, 1L << 40, Long.MAX_VALUE};
        for (long v : values) {
            int bucket = LatencyHistogram.bucket(v);
            long upper = LatencyHistogram.upperBound(bucket);
            long lower = bucket == 0 ? 0 : LatencyHistogram.upperBound(bucket - 1) + 1;
            assertTrue(lower <= v && v <= upper, v + " in [" + lower + ", " + upper + "]");
            assertTrue(upper - lower <= Math.max(0, v / 8), "bucket of " + v + " is " + (upper - lower + 1) + " wide");
        }
    }

    @Test
    void percentilesOfAKnownSpread() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentile(0.5));
        for (long micros = 1; micros <= 1000; micros++) {
            h.record(micros * 1000);
        }
        assertEquals(1000, h.count());
        assertEquals(500_500_000L, h.sum());
        assertWithin(500_000, h.percentile(0.5));
        assertWithin(990_000, h.percentile(0.99));
        assertWithin(1_000_000, h.max());
        h.record(-5); // a clock step backwards counts as 0, never as a huge value
        assertEquals(0, h.percentile(0.0001));
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected + expected / 8, actual + " for " + expected);
    }
}
