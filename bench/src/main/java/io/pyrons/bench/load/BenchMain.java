package io.pyrons.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end benchmark: starts pyrons, pyro4-ns (when installed) and the zero-work responder as processes on
 * 127.0.0.1, drives each through the same closed-loop scenarios with the same lean client, and prints one table
 * with the ratios pyrons/pyro4-ns and pyrons/responder against the targets of issue 8.
 *
 * <pre>java -cp ... io.pyrons.bench.load.BenchMain [--quick] [--jar runtime/target/pyrons.jar] [--out DIR]
 *     [--only startup,lookup,lookup-alone,storage,cluster,pyro5,capacity,dist,cluster-1m] [--no-profile] [--baseline OTHER/pyrons.jar] [--pyrons-only]
 *     [--dist INSTALLED/pyro-ns]</pre>
 *
 * <p>{@code --baseline} measures a second pyrons.jar (e.g. main's, before a change) as the column
 * {@value ServerSpec#BASELINE} in the same run, visited in turn with the others, so that a change is compared
 * under the same background load; {@code --pyrons-only} leaves out pyro4-ns and the responder. {@code pyro5} measures
 * lookups ×1 and ×8 over Pyro5 beside the same lookups over Pyro4, against one pyrons process (issue 15).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchPlan plan = BenchPlan.parse(args);
        Files.createDirectories(plan.out());
        List<ServerSpec> servers = new ArrayList<>();
        List<String> columns0 = new ArrayList<>(List.of(ServerSpec.PYRONS, ServerSpec.PYRO4_NS, ServerSpec.RESPONDER));
        Report report = new Report(columns0);
        servers.add(pyronsSpec(plan, report));
        if (plan.dist() != null) {
            columns0.add(1, ServerSpec.INSTALLED);
        }
        if (plan.baseline() != null) {
            columns0.add(1, ServerSpec.BASELINE);
            servers.add(ServerSpec.pyrons(plan.baseline(), List.of()).named(ServerSpec.BASELINE));
        }
        String pyro4 = plan.pyronsOnly() ? "" : ServerSpec.onPath("pyro4-ns");
        if (!pyro4.isEmpty()) {
            servers.add(ServerSpec.pyro4ns(pyro4, ""));
        } else if (!plan.pyronsOnly()) {
            System.out.println("pyro4-ns is not on PATH (Debian: apt-get install python3-pyro4): it is not measured");
        }
        if (!plan.pyronsOnly()) {
            servers.add(ServerSpec.responder());
        }

        if (plan.runs("cluster")) {
            columns0.addAll(List.of(ServerSpec.ZK, ServerSpec.SQL));
        } else if (plan.runs("cluster-1m")) {
            columns0.add(ServerSpec.ZK);
        }
        if (plan.runs("pyro5")) {
            columns0.add(ServerSpec.PYRO5);
        }
        if (!pyro4.isEmpty() && plan.runs("capacity")) {
            columns0.add(ServerSpec.pyro4ns(pyro4, "multiplex").name());
        }
        Scenarios scenarios = new Scenarios(plan, report);
        long t0 = System.nanoTime();
        scenarios.declareTargets();
        if (plan.runs("startup")) {
            for (ServerSpec s : servers) {
                scenarios.startup(s);
            }
        }
        if (plan.dist() != null && plan.runs("dist")) {
            ServerSpec installed = ServerSpec.installed(plan.dist());
            // the first start on this machine writes the distribution's class data archive as it stops: not counted
            try (ServerProcess first = installed.start("", plan.out())) {
                System.out.println("== " + installed.name() + ": first start (makes its class data archive)");
                // SIGTERM, and time to write the archive as the JVM exits (seconds on a loaded machine; a process
                // killed while it writes leaves a torn file, which the next start throws away)
                first.process.toHandle().destroy();
                first.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
            }
            scenarios.startup(installed);
            scenarios.footprint(installed);
            if (!pyro4.isEmpty()) {
                scenarios.footprint(ServerSpec.pyro4ns(pyro4, ""));
            }
        }
        if (plan.runs("lookup")) {
            scenarios.memorySession(servers);
        }
        if (plan.runs("lookup-alone")) {
            scenarios.lookupsAlone(servers);
        }
        if (plan.runs("storage")) {
            for (String storage : List.of("sql", "dbm")) {
                for (ServerSpec s : servers) {
                    if (s.nameServer()) {
                        scenarios.storageSession(s, storage);
                    }
                }
            }
        }
        if (plan.runs("cluster")) {
            scenarios.clusterSession(servers.get(0));
        }
        if (plan.runs("pyro5")) {
            scenarios.pyro5Session(servers.get(0));
        }
        if (plan.runs("cluster-1m")) {
            scenarios.clusterMillion(servers.get(0));
        }
        if (plan.runs("capacity")) {
            for (ServerSpec s : servers) {
                if (s.nameServer()) {
                    scenarios.capacity(s);
                }
            }
            if (!pyro4.isEmpty()) {
                scenarios.capacity(ServerSpec.pyro4ns(pyro4, "multiplex"));
            }
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        String header = "### pyrons benchmark, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + "\n\nmachine: " + InetAddress.getLocalHost().getHostName() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + "; mode: " + (plan.quick() ? "quick" : "default") + "; took " + String.format("%.1f", minutes)
                + " min. Latencies in µs unless marked ms; \"server CPU\" is utime+stime of the server process "
                + "per operation.";
        String md = report.markdown(header);
        Path result = plan.out().resolve("results.md");
        Files.writeString(result, md);
        System.out.println();
        System.out.println(md);
        System.out.println("written to " + result);
    }

    /** pyrons.jar when it starts and answers a ping; otherwise the same components wired in {@link EmbeddedPyrons}. */
    private static ServerSpec pyronsSpec(BenchPlan plan, Report report) {
        if (Files.isRegularFile(plan.jar())) {
            ServerSpec jar = ServerSpec.pyrons(plan.jar(), List.of());
            try (ServerProcess p = jar.start("", plan.out())) {
                return jar;
            } catch (IOException e) {
                report.note("pyrons.jar did not serve the name server (" + e.getMessage().lines().findFirst().orElse("")
                        + "): pyrons was measured as EmbeddedPyrons (daemon + serializers + NameServerComponent "
                        + "wired with plain new, no OSGi framework)");
            }
        } else {
            report.note("no " + plan.jar() + ": pyrons was measured as EmbeddedPyrons (no OSGi framework)");
        }
        return ServerSpec.embeddedPyrons();
    }

    /** What to run and how long: the default fits ~10 minutes on 2 cores, --quick ~2. */
    record BenchPlan(boolean quick, Path jar, Path out, List<String> only, boolean profile, Path baseline,
                     boolean pyronsOnly, Path dist) {
        static BenchPlan parse(String[] args) {
            boolean quick = false;
            boolean profile = true;
            Path jar = Path.of("runtime/target/pyrons.jar");
            Path out = Path.of("bench/target/bench");
            List<String> only = List.of("startup", "lookup", "storage", "cluster", "pyro5", "capacity", "dist");
            Path baseline = null;
            Path dist = null;
            boolean pyronsOnly = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--no-profile" -> profile = false;
                    case "--jar" -> jar = Path.of(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--baseline" -> baseline = Path.of(args[++i]);
                    case "--pyrons-only" -> pyronsOnly = true;
                    case "--dist" -> dist = Path.of(args[++i]).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use [--quick] [--jar FILE] [--out DIR] [--only startup,lookup,lookup-alone,storage,cluster,pyro5,capacity,dist,cluster-1m]"
                            + " [--no-profile] [--baseline FILE] [--pyrons-only] [--dist INSTALLED/pyro-ns]");
                }
            }
            return new BenchPlan(quick, jar, out, only, profile, baseline, pyronsOnly, dist);
        }

        boolean runs(String group) {
            return only.contains(group);
        }

        long warmupMillis() {
            return quick ? 700 : 2_000;
        }

        long measureMillis() {
            return quick ? 1_500 : 4_000;
        }

        List<Integer> lookupClients() {
            return List.of(1, 8, 64, 256);
        }

        List<Integer> listSizes() {
            return quick ? List.of(10_000, 100_000) : List.of(10_000, 100_000, 1_000_000);
        }

        int idle() {
            return 10_000;
        }

        int silent() {
            return 1_000;
        }

        int fresh() {
            return quick ? 100 : 300;
        }

        int startupRepeats() {
            return quick ? 1 : 3;
        }
    }

    static Map<String, Object> kwargs(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
