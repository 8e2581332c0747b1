package io.pyrons.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread of a process, from {@code /proc/PID/task/TID/stat}, split into user and kernel time and
 * grouped by thread name (digits dropped, so the workers add up). It shows what a sampling profiler cannot:
 * time spent in the kernel (socket calls, epoll, futex wake-ups of thread hand-offs).
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** tid -> {user ticks, system ticks, name}. */
    static Map<String, long[]> snapshot(long pid, Map<String, String> names) {
        Map<String, long[]> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    String tid = t.getFileName().toString();
                    out.put(tid, new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])});
                    names.put(tid, comm.replaceAll("[0-9]+", "#").strip());
                } catch (IOException | RuntimeException e) {
                    // a thread that ended between list and read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of " + pid, e);
        }
        return out;
    }

    /** CPU ticks the JIT compiler threads used between two snapshots: how far the JVM still is from steady state. */
    static long compilerTicks(Map<String, long[]> before, Map<String, long[]> after, Map<String, String> names) {
        long ticks = 0;
        for (var e : after.entrySet()) {
            if (names.getOrDefault(e.getKey(), "").contains("CompilerThre")) {
                long[] b = before.getOrDefault(e.getKey(), new long[2]);
                ticks += e.getValue()[0] - b[0] + e.getValue()[1] - b[1];
            }
        }
        return ticks;
    }

    /** The CPU used between two snapshots, per thread group, as a small table in µs per operation. */
    static String perOperation(Map<String, long[]> before, Map<String, long[]> after, Map<String, String> names,
                               long ops) {
        Map<String, long[]> groups = new TreeMap<>();
        after.forEach((tid, a) -> {
            long[] b = before.getOrDefault(tid, new long[2]);
            long[] g = groups.computeIfAbsent(names.getOrDefault(tid, tid), k -> new long[2]);
            g[0] += a[0] - b[0];
            g[1] += a[1] - b[1];
        });
        StringBuilder s = new StringBuilder(String.format("  %-22s %12s %12s%n", "thread", "user µs/op", "kernel µs/op"));
        double perOp = ProcStat.NANOS_PER_TICK / 1e3 / Math.max(1, ops);
        groups.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
                .forEach(e -> s.append(String.format("  %-22s %12.1f %12.1f%n", e.getKey(), e.getValue()[0] * perOp,
                        e.getValue()[1] * perOp)));
        return s.toString();
    }
}
