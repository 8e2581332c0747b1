package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StopSignalsTest {
    @Test
    void waitsUntilTheStartHasFinished() {
        AtomicInteger polls = new AtomicInteger();
        long begin = System.nanoTime();
        StopSignals.awaitStarted(() -> polls.incrementAndGet() >= 3, 5_000);
        assertTrue(polls.get() == 3, "polled " + polls.get() + " times");
        assertTrue(System.nanoTime() - begin < 4_000_000_000L, "returned only at the timeout");
    }

    @Test
    void givesUpAtTheTimeoutWhenTheStartNeverFinishes() {
        long begin = System.nanoTime();
        StopSignals.awaitStarted(() -> false, 200);
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;
        assertTrue(tookMillis >= 200 && tookMillis < 3_000, "took " + tookMillis + " ms");
    }

    @Test
    void returnsAtOnceWhenEverythingHasStarted() {
        long begin = System.nanoTime();
        StopSignals.awaitStarted(() -> true, 5_000);
        assertTrue(System.nanoTime() - begin < 1_000_000_000L);
    }
}
