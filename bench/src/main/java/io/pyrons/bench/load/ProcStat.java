package io.pyrons.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and resident memory from Linux's {@code /proc}: the server-side cost of a scenario. */
final class ProcStat {
    /** USER_HZ: Linux reports utime/stime in 1/100 s on every architecture we run on. */
    static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    /** utime + stime of {@code pid} (all its threads), in nanoseconds. */
    static long cpuNanos(long pid) {
        return cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))) * NANOS_PER_TICK;
    }

    /** Fields 14 and 15 of a stat line; the command name (field 2) may hold spaces and parentheses. */
    static long cpuTicks(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so utime (14) is f[11] and stime (15) is f[12]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** VmRSS of {@code pid} in bytes. */
    static long rssBytes(long pid) {
        return rssBytes(read(Path.of("/proc", Long.toString(pid), "status")));
    }

    static long rssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc status");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + " (has the server exited?)", e);
        }
    }
}
