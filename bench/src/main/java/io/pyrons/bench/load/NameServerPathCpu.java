package io.pyrons.bench.load;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import io.pyrons.api.NameServer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.naming.NameServerComponent;
import io.pyrons.serializer.serpent.SerpentSerializer;
import io.pyrons.server.Daemon;
import io.pyrons.server.DaemonSettings;
import io.pyrons.storage.memory.MemoryStorageProvider;

/**
 * The name server's own work per call, in one thread and without sockets: the Pyro object's {@code invoke} (argument
 * binding, the served store, the memory store) and the serpent answer, as an I/O thread or worker runs them for
 * {@code lookup}, {@code list(prefix)}, {@code list(metadata_all)} and {@code yplookup} over the bench's population.
 * It reports the calling thread's CPU time per call (min, quartile, median of the rounds: on a shared machine the
 * minimum is the figure least disturbed by others) and the bytes it allocated per call, which others do not disturb.
 * It only uses what every pyrons version has, so the same class runs against the bundles of any {@code pyrons.jar}:
 *
 * <pre>unzip -q -o -d /tmp/old BASE/target/pyrons.jar 'jar/*'
 * java -cp "bench/target/classes:$(ls /tmp/old/jar/*.jar | tr '\n' :)" io.pyrons.bench.load.NameServerPathCpu 100000 15</pre>
 */
public final class NameServerPathCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static long sink;

    private NameServerPathCpu() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<String> calls = args.length > 2 ? List.of(args[2].split(","))
                : List.of("lookup", "listPrefix", "listMetadataAll", "yplookup");
        try (Daemon daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0))) {
            Serializer serpent = new SerpentSerializer();
            daemon.addSerializer(serpent);
            daemon.start();
            NameServerComponent ns = EmbeddedPyrons.nameServer("memory", new MemoryStorageProvider(), daemon);
            daemon.addObject(NameServer.OBJECT_ID, ns);
            for (int i = 0; i < size; i++) {
                // fresh strings, as a deserialized request brings them
                ns.invoke("register", List.of(new String(Population.name(i).toCharArray()),
                        "PYRO:obj" + i + "@127.0.0.1:50000"), Map.of("metadata", Set.of("grp:" + i % Population.GROUPS)));
            }
            int lookupNames = 1000;
            List<List<Object>> lookups = new java.util.ArrayList<>();
            for (int i = 0; i < lookupNames; i++) {
                String name = String.format("lk.%04d", i);
                ns.invoke("register", List.of(name, "PYRO:lk" + i + "@127.0.0.1:50001"), Map.of());
                lookups.add(List.of(name));
            }
            System.gc();
            String thousands = Population.name(0).substring(0, Population.name(0).length() - 4); // n.000
            for (String call : calls) {
                IntFunction<Object> op = switch (call) {
                    case "lookup" -> i -> ns.invoke("lookup", lookups.get((i * 7919) % lookupNames), Map.of());
                    // 1,000 names (1% of 100,000), each time another run of them: n.0000..., n.0001..., ...
                    case "listPrefix" -> i -> ns.invoke("list", List.of(thousands + (i % 10)), Map.of());
                    case "listMetadataAll" -> i -> ns.invoke("list", List.of(),
                            Map.of("metadata_all", List.of("grp:" + i % Population.GROUPS)));
                    case "yplookup" -> i -> ns.invoke("yplookup", List.of(List.of("grp:" + i % Population.GROUPS)), Map.of());
                    default -> throw new IllegalArgumentException("unknown call " + call);
                };
                measure(call, op, serpent, call.equals("lookup") ? 20_000 : 200, rounds);
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void measure(String call, IntFunction<Object> op, Serializer serpent, int batch, int rounds) {
        long thread = Thread.currentThread().getId();
        for (int r = 0; r < 40; r++) {
            for (int i = 0; i < batch; i++) {
                sink += serpent.serializeData(op.apply(i)).length;
            }
        }
        double[] cpu = new double[rounds];
        double allocated = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long bytes0 = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 0; i < batch; i++) {
                sink += serpent.serializeData(op.apply(i)).length;
            }
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - cpu0) / (double) batch;
            allocated = (THREADS.getThreadAllocatedBytes(thread) - bytes0) / (double) batch;
        }
        Arrays.sort(cpu);
        boolean micros = cpu[0] > 10_000;
        double unit = micros ? 1000 : 1;
        System.out.printf("%-16s CPU %s/call min %.1f p25 %.1f median %.1f   allocated B/call %.0f%n", call,
                micros ? "µs" : "ns", cpu[0] / unit, cpu[rounds / 4] / unit, cpu[rounds / 2] / unit, allocated);
    }
}
