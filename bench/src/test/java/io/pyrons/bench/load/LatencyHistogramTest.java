package io.pyrons.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void quantilesAreWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000);
        }
        assertEquals(100_000, h.count());
        assertEquals(50_000_000, h.quantile(0.5), 50_000_000 * 0.02);
        assertEquals(99_000_000, h.quantile(0.99), 99_000_000 * 0.02);
        assertEquals(0, new LatencyHistogram().quantile(0.5));
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        assertEquals(3, h.quantile(1.0));
    }
}
