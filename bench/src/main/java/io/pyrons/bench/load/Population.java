package io.pyrons.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a name server through Pyro4 batch calls (one INVOKE carrying many {@code register} calls), the fastest
 * way any Pyro4 client has; the same calls for every server. Names are {@code n.0000000}.. so that the prefix
 * {@code n.000} selects 1% of a million, {@code n.0000} 1% of 100,000 and {@code n.00000} 1% of 10,000; each
 * carries one of 100 metadata tags {@code grp:K}, so a metadata query selects 1% too.
 */
final class Population {
    static final int BATCH = 1000;
    static final int GROUPS = 100;

    private Population() {
    }

    static String name(int i) {
        return String.format("n.%07d", i);
    }

    /** The prefix that selects the first 1% of {@code size} names (size a power of ten, 10k..1M). */
    static String onePercentPrefix(int size) {
        int digits = 7 - (int) Math.round(Math.log10(size / 100.0));
        return "n." + "0".repeat(digits);
    }

    /** Registers names [from, to); returns the seconds it took. Bounded by {@code deadlineNanos}. */
    static double register(RawPyroClient client, int from, int to, boolean metadata, long deadlineNanos)
            throws IOException {
        long t0 = System.nanoTime();
        for (int start = from; start < to; start += BATCH) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("populating took too long: stopped at " + start + " of " + to);
            }
            int end = Math.min(to, start + BATCH);
            List<Object> calls = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                List<Object> args = List.of(name(i), "PYRO:obj" + i + "@127.0.0.1:50000");
                Map<String, Object> kwargs = metadata ? Map.of("metadata", Set.of("grp:" + i % GROUPS)) : Map.of();
                calls.add(new Object[] {"register", args, kwargs});
            }
            Object result = client.batch(calls);
            if (!(result instanceof List<?> l) || l.size() != end - start) {
                throw new IOException("batch register of " + (end - start) + " names answered " + describe(result));
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String describe(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
