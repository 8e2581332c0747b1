package io.pyrons.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void readsUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String line = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 30 0 100 0 0";
        assertEquals(1290, ProcStat.cpuTicks(line));
    }

    @Test
    void readsResidentMemory() {
        assertEquals(2048L * 1024, ProcStat.rssBytes("Name:\tjava\nVmRSS:\t    2048 kB\nThreads:\t3\n"));
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcStat.rssBytes(pid) > 0);
        assertTrue(ProcStat.cpuNanos(pid) >= 0);
    }
}
