package io.pyrons.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PopulationTest {
    @Test
    void theOnePercentPrefixSelectsOnePercent() {
        for (int size : new int[] {10_000, 100_000, 1_000_000}) {
            String prefix = Population.onePercentPrefix(size);
            long n = IntStream.range(0, size).mapToObj(Population::name).filter(s -> s.startsWith(prefix)).count();
            assertEquals(size / 100, n, "prefix " + prefix + " of " + size);
        }
    }
}
