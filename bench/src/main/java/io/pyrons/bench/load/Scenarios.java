package io.pyrons.bench.load;

import static io.pyrons.bench.load.BenchMain.kwargs;
import static io.pyrons.bench.load.Report.ratio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PyroProtocol;
import io.pyrons.bench.load.BenchMain.BenchPlan;
import io.pyrons.bench.load.Report.Target;
import io.pyrons.itests.interop.ZooKeeperEnsemble;

/** The scenarios of issue 8, each run against one server process and recorded in the report. */
final class Scenarios {
    private static final int WARM_UP_ROUNDS = 8;
    private static final String P = ServerSpec.PYRONS;
    private static final String PY4 = ServerSpec.PYRO4_NS;
    private static final String R = ServerSpec.RESPONDER;
    private static final String ZK = ServerSpec.ZK;
    private static final String SQL = ServerSpec.SQL;
    private static final String PY5 = ServerSpec.PYRO5;
    static final String PYRO5_LOOKUP = "Pyro4 vs Pyro5: lookup ×";
    private static final String CLUSTER_LOOKUP = "cluster: lookup ×";
    private static final String LOOKUP_ALONE = "lookup alone, fresh process ×";
    /** The names each fresh process of {@link #lookupsAlone} holds for its list calls. */
    private static final int LISTS_ALONE_NAMES = 100_000;
    private static final String CLUSTER_REGISTER = "cluster: register ×";
    private static final String CLUSTER_FAILOVER = "cluster: instance SIGKILLed → next lookup";
    private static final int LOOKUP_NAMES = 1000;
    private static final long MAX_OPS_PER_CLIENT = 50_000_000;
    private static final int FOOTPRINT_NAMES = 100_000;

    private final BenchPlan plan;
    private final Report report;

    Scenarios(BenchPlan plan, Report report) {
        this.plan = plan;
        this.report = report;
    }

    /** Fixes the table's row order and the issue's targets. */
    void declareTargets() {
        report.target("start → first ping", "ms (median)", new Target("pyrons ≤ 400 ms", v -> v.get(P) <= 400));
        for (int n : plan.lookupClients()) {
            String s = "lookup ×" + n;
            report.target(s, "ops/s", n <= 64
                    ? new Target("≥ 0.8 × responder", v -> ratio(v, P, R) >= 0.8) : null);
            report.target(s, "p50 µs", n == 1 ? new Target("≤ 1.2 × responder", v -> ratio(v, P, R) <= 1.2) : null);
            report.target(s, "p99 µs", null);
            report.target(s, "server CPU µs/op", new Target("≤ 0.1 × pyro4-ns", v -> ratio(v, P, PY4) <= 0.1));
        }
        report.target("register+remove ×1", "ops/s", null);
        report.target("register+remove ×8", "ops/s", null);
        for (String storage : List.of("sql", "dbm")) {
            report.target("register into " + storage + " ×1", "ops/s", null);
            report.target("register into " + storage + " ×8", "ops/s", "sql".equals(storage)
                    ? new Target("≥ 10 × pyro4-ns", v -> ratio(v, P, PY4) >= 10) : null);
        }
        for (int size : plan.listSizes()) {
            report.target("list(prefix) 1% of " + String.format("%,d", size), "p50 ms", size == 1_000_000
                    ? new Target("≤ 0.1 × pyro4-ns", v -> ratio(v, P, PY4) <= 0.1) : null);
        }
        if (plan.runs("cluster")) {
            report.target(CLUSTER_LOOKUP + 1, "ops/s", null);
            report.target(CLUSTER_LOOKUP + 8, "ops/s", new Target("zk ≥ 0.9 × memory", v -> ratio(v, ZK, P) >= 0.9));
            report.target(CLUSTER_REGISTER + 1, "ops/s", null);
            report.target(CLUSTER_REGISTER + 8, "ops/s", null);
        }
        if (plan.runs("pyro5")) {
            for (int n : List.of(1, 8)) {
                report.target(PYRO5_LOOKUP + n, "ops/s", new Target("Pyro5 ≥ 0.9 × Pyro4", v -> ratio(v, PY5, P) >= 0.9));
                report.target(PYRO5_LOOKUP + n, "p50 µs", null);
                report.target(PYRO5_LOOKUP + n, "p99 µs", null);
                report.target(PYRO5_LOOKUP + n, "server CPU µs/op", null);
            }
        }
        report.target("capacity", "idle connections admitted", new Target("pyrons admits all "
                + String.format("%,d", plan.idle()), v -> v.get(P) >= plan.idle()));
        report.target("capacity", "fresh connect+ping p99 ms", new Target("pyrons < 10 ms", v -> v.get(P) < 10));
        int last = plan.listSizes().get(plan.listSizes().size() - 1);
        report.target("memory at " + String.format("%,d", last) + " names", "live heap bytes/name",
                new Target("pyrons ≤ 250", v -> v.get(P) <= 250));
    }

    // ---- start -> first ping

    /**
     * JIT-compiles the request path before anything is measured, so that ×1 does not pay for it: rounds of 8 and
     * then 1 client until the JVM's compiler threads have gone quiet (under 2% of a core in the last round), at most
     * {@value #WARM_UP_ROUNDS} rounds. A server that is no JVM gets one round.
     */
    private void warmUp(Server s, ClientOp op) throws IOException, InterruptedException {
        for (int round = 0; round < (s.spec.jvm() ? WARM_UP_ROUNDS : 1); round++) {
            Map<String, String> names = new java.util.HashMap<>();
            Map<String, long[]> before = ThreadCpu.snapshot(s.process.pid(), names);
            long t0 = System.nanoTime();
            s.loop.run(8, 0, plan.warmupMillis() * 2, MAX_OPS_PER_CLIENT, op);
            s.loop.run(1, 0, plan.warmupMillis(), MAX_OPS_PER_CLIENT, op);
            double compilerMillis = ThreadCpu.compilerTicks(before, ThreadCpu.snapshot(s.process.pid(), names), names)
                    * ProcStat.NANOS_PER_TICK / 1e6;
            if (compilerMillis < 0.02 * (System.nanoTime() - t0) / 1e6) {
                return;
            }
        }
    }

    void startup(ServerSpec spec) {
        double[] ms = new double[plan.startupRepeats()];
        double[] announced = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            try (ServerProcess p = spec.forStartup().start("", plan.out())) {
                // start() returned after the first answered ping
                ms[i] = (p.firstPingAt - p.spawnedAt) / 1e6;
                announced[i] = (p.announcedAt - p.spawnedAt) / 1e6;
            } catch (IOException e) {
                report.note(spec.name() + " did not start: " + e.getMessage());
                return;
            }
        }
        Arrays.sort(ms);
        Arrays.sort(announced);
        report.put("start → first ping", "ms (median)", spec.name(), ms[ms.length / 2]);
        report.put("start → first ping", "start → port line ms", spec.name(), announced[announced.length / 2]);
    }

    // ---- an installed distribution's footprint (issue 14)

    /**
     * {@code -h} (the time until the help has been printed and the process has exited), RSS once the server has
     * answered its first ping and its remaining bundles have had a second to start, and RSS per name after
     * registering {@value #FOOTPRINT_NAMES} names with metadata (batch register).
     */
    void footprint(ServerSpec spec) throws InterruptedException {
        System.out.println("== " + spec.name() + ": -h, memory");
        double[] help = new double[plan.startupRepeats()];
        for (int i = 0; i < help.length; i++) {
            long t0 = System.nanoTime();
            try {
                Process p = new ProcessBuilder(spec.helpCommand()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    report.note(spec.name() + " -h did not end with status 0 within 60 s");
                    return;
                }
            } catch (IOException e) {
                report.note(spec.name() + " -h: " + e.getMessage());
                return;
            }
            help[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(help);
        report.put("pyro-ns -h", "ms (median)", spec.name(), help[help.length / 2]);
        try (ServerProcess p = spec.start("", plan.out())) {
            Thread.sleep(1_000);
            long started = p.rssBytes();
            report.put("memory after start", "RSS MiB", spec.name(), started / 1048576.0);
            try (RawPyroClient c = RawPyroClient.connected(p.address, 120_000)) {
                Population.register(c, 0, FOOTPRINT_NAMES, true, System.nanoTime() + 300_000_000_000L);
            }
            report.put("memory at " + String.format("%,d", FOOTPRINT_NAMES) + " names", "RSS bytes/name", spec.name(),
                    (double) (p.rssBytes() - started) / FOOTPRINT_NAMES);
        } catch (IOException e) {
            report.note(spec.name() + ": " + firstLine(e.getMessage()));
        }
    }

    // ---- lookups, register+remove, lists, memory: every server runs at once, in memory, and each scenario
    // visits them in turn, so that the machine's other load drifts as little as possible between the columns

    void memorySession(List<ServerSpec> specs) throws InterruptedException {
        System.out.println("== lookups, lists, memory");
        List<ServerProcess> running = new ArrayList<>();
        try {
            for (ServerSpec spec : specs) {
                try {
                    running.add(spec.start("", plan.out()));
                } catch (IOException e) {
                    report.note(spec.name() + " did not start: " + firstLine(e.getMessage()));
                }
            }
            List<Server> servers = new ArrayList<>();
            for (ServerProcess p : running) {
                ServerSpec spec = specs.stream().filter(s -> s.name().equals(p.name)).findFirst().orElseThrow();
                servers.add(new Server(spec, p, new ClosedLoop(p.address, p.pid())));
                if (spec.nameServer()) {
                    registerLookupNames(p);
                }
            }
            ClientOp lookup = lookupOp(PyroProtocol.PYRO4);
            for (Server s : servers) {
                warmUp(s, lookup);
            }
            StringBuilder threads = new StringBuilder();
            for (int n : plan.lookupClients()) {
                for (Server s : servers) {
                    Map<String, String> names = new java.util.HashMap<>();
                    Map<String, long[]> cpuBefore = ThreadCpu.snapshot(s.process.pid(), names);
                    LoadResult r = s.loop.run(n, plan.warmupMillis(), plan.measureMillis(), MAX_OPS_PER_CLIENT, lookup);
                    Map<String, long[]> cpuAfter = ThreadCpu.snapshot(s.process.pid(), names);
                    if (s.spec.name().equals(P) && n <= 64) {
                        // the thread snapshot spans warm-up and measurement: count the operations of both
                        long ops = Math.round(r.opsPerSecond() * (plan.warmupMillis() + plan.measureMillis()) / 1e3);
                        threads.append("pyrons lookup ×").append(n).append(", server CPU by thread:\n")
                               .append(ThreadCpu.perOperation(cpuBefore, cpuAfter, names, ops));
                    }
                    record(s.spec, "lookup ×" + n, r, false);
                }
            }
            for (Server s : servers) {
                if (plan.profile() && s.spec.name().equals(P)) {
                    // an extra, unrecorded run: JFR's own overhead and recompilations stay out of the table
                    JvmTools.startRecording(s.process.pid());
                    s.loop.run(8, plan.warmupMillis(), plan.measureMillis(), MAX_OPS_PER_CLIENT, lookup);
                    profileSummary(s.process.pid(), "pyrons-lookup-x8");
                }
            }
            System.out.print(threads);
            Files.writeString(plan.out().resolve("pyrons-lookup-threads.txt"), threads);
            servers.removeIf(s -> !s.spec.nameServer());
            for (int n : List.of(1, 8)) {
                for (Server s : servers) {
                    LoadResult r = s.loop.run(n, plan.warmupMillis(), plan.measureMillis(), MAX_OPS_PER_CLIENT,
                            (c, client, i) -> {
                                String name = "rr." + client + "." + i;
                                c.invoke(RawPyroClient.callBody("register", List.of(name, "PYRO:rr@127.0.0.1:50002"),
                                        Map.of()), 0);
                                c.invoke(RawPyroClient.callBody("remove", List.of(name), Map.of()), 0);
                            });
                    record(s.spec, "register+remove ×" + n, r, false);
                }
            }
            listsAndMemory(servers);
        } catch (IOException e) {
            report.note("lookup/list session stopped: " + firstLine(e.getMessage()));
        } finally {
            running.forEach(ServerProcess::close);
        }
    }

    /**
     * Lookups, then lists of 1 % of 100,000 names, against each pyrons jar alone ({@code --only lookup-alone}, with
     * {@code --baseline}): in each round every jar gets a fresh process, its warm-up and every client count, then
     * the names and the list calls, while no other server runs, then is stopped; the order of the jars is reversed
     * every round, and each jar's windows are counted as one. The memory session runs every server at once, where one
     * JVM's threads and caches stand beside the other's; on a small machine that swings a column by 10-15 % between
     * passes, more than the changes it is meant to show.
     */
    void lookupsAlone(List<ServerSpec> specs) throws InterruptedException {
        List<ServerSpec> jars = specs.stream().filter(s -> s.jvm() && s.nameServer()).toList();
        System.out.println("== lookups, each jar alone: " + jars.stream().map(ServerSpec::name).toList());
        int rounds = plan.quick() ? 1 : 3;
        Map<String, List<LoadResult>> windows = new LinkedHashMap<>();
        ClientOp lookup = lookupOp(PyroProtocol.PYRO4);
        StringBuilder threads = new StringBuilder();
        for (int round = 0; round < rounds; round++) {
            List<ServerSpec> order = new ArrayList<>(jars);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (ServerSpec spec : order) {
                try (ServerProcess p = spec.start("", plan.out())) {
                    registerLookupNames(p);
                    Server s = new Server(spec, p, new ClosedLoop(p.address, p.pid()));
                    warmUp(s, lookup);
                    for (int n : plan.lookupClients()) {
                        Map<String, String> names = new java.util.HashMap<>();
                        Map<String, long[]> cpuBefore = ThreadCpu.snapshot(p.pid(), names);
                        LoadResult r = s.loop.run(n, plan.warmupMillis(), plan.measureMillis(), MAX_OPS_PER_CLIENT,
                                lookup);
                        Map<String, long[]> cpuAfter = ThreadCpu.snapshot(p.pid(), names);
                        windows.computeIfAbsent(spec.name() + "\n" + n, k -> new ArrayList<>()).add(r);
                        // the thread snapshot spans warm-up and measurement: count the operations of both
                        long ops = Math.round(r.opsPerSecond() * (plan.warmupMillis() + plan.measureMillis()) / 1e3);
                        threads.append(spec.name()).append(", round ").append(round + 1).append(", lookup ×").append(n)
                               .append(String.format(" (%.0f/s), server CPU by thread:%n", r.opsPerSecond()))
                               .append(ThreadCpu.perOperation(cpuBefore, cpuAfter, names, ops));
                    }
                    try (RawPyroClient c = RawPyroClient.connected(p.address, 120_000)) {
                        Population.register(c, 0, LISTS_ALONE_NAMES, true, System.nanoTime() + 300_000_000_000L);
                        check(c, "list", kwargs("prefix", Population.onePercentPrefix(LISTS_ALONE_NAMES)),
                                LISTS_ALONE_NAMES / 100);
                        check(c, "yplookup", kwargs("meta_all", List.of("grp:7"), "return_metadata", false),
                                LISTS_ALONE_NAMES / 100);
                    }
                    for (var list : listsAlone().entrySet()) {
                        windows.computeIfAbsent(spec.name() + "\n" + list.getKey(), k -> new ArrayList<>()).add(
                                s.loop.run(1, plan.warmupMillis() / 2, plan.measureMillis(), 10_000,
                                        (c, client, i) -> c.invoke(list.getValue(), 0)));
                    }
                } catch (IOException e) {
                    report.note(spec.name() + ": lookups alone stopped: " + firstLine(e.getMessage()));
                }
            }
        }
        System.out.print(threads);
        try {
            Files.writeString(plan.out().resolve("lookup-alone-threads.txt"), threads);
        } catch (IOException e) {
            report.note("lookups alone: the thread table was not written: " + firstLine(e.getMessage()));
        }
        for (int n : plan.lookupClients()) {
            for (ServerSpec spec : jars) {
                List<LoadResult> w = windows.get(spec.name() + "\n" + n);
                if (w != null) {
                    record(spec, LOOKUP_ALONE + n, LoadResult.combined(w), false);
                }
            }
        }
        for (String list : listsAlone().keySet()) {
            for (ServerSpec spec : jars) {
                List<LoadResult> w = windows.get(spec.name() + "\n" + list);
                if (w != null) {
                    record(spec, list, LoadResult.combined(w), true);
                }
            }
        }
    }

    /** The list calls of {@link #lookupsAlone}, by scenario: 1 % of {@link #LISTS_ALONE_NAMES} names each. */
    private static Map<String, byte[]> listsAlone() {
        String of = String.format(" 1%% of %,d, fresh process", LISTS_ALONE_NAMES);
        List<Object> tag = List.of("grp:7");
        Map<String, byte[]> lists = new LinkedHashMap<>();
        lists.put("list(prefix)" + of, RawPyroClient.callBody("list", List.of(),
                kwargs("prefix", Population.onePercentPrefix(LISTS_ALONE_NAMES))));
        lists.put("list(metadata_all)" + of, RawPyroClient.callBody("list", List.of(), kwargs("metadata_all", tag)));
        lists.put("yplookup(meta_all)" + of, RawPyroClient.callBody("yplookup", List.of(),
                kwargs("meta_all", tag, "return_metadata", false)));
        return lists;
    }

    private record Server(ServerSpec spec, ServerProcess process, ClosedLoop loop) {
    }

    private static void registerLookupNames(ServerProcess p) throws IOException {
        try (RawPyroClient c = RawPyroClient.connected(p.address, 10_000)) {
            for (int i = 0; i < LOOKUP_NAMES; i++) {
                c.call("register", List.of(lookupName(i), "PYRO:lk" + i + "@127.0.0.1:50001"), Map.of());
            }
            Object uri = c.call("lookup", List.of(lookupName(7)), Map.of());
            if (!String.valueOf(uri).contains("lk7@127.0.0.1:50001")) {
                throw new IOException(p.name + ": lookup answered " + uri);
            }
        }
    }

    private void profileSummary(long pid, String name) throws IOException {
        Path jfr = plan.out().resolve(name + ".jfr");
        JvmTools.dumpRecording(pid, jfr);
        String summary = JfrSummary.summarize(jfr, plan.out().resolve(name + ".folded"), 25);
        Files.writeString(plan.out().resolve(name + "-profile.txt"), summary);
        System.out.println(summary);
    }

    private static String lookupName(int i) {
        return String.format("lk.%04d", i);
    }

    private void listsAndMemory(List<Server> servers) throws IOException, InterruptedException {
        Map<String, long[]> before = new LinkedHashMap<>();
        Map<String, Double> populateSeconds = new LinkedHashMap<>();
        for (Server s : servers) {
            before.put(s.spec.name(), new long[] {s.process.rssBytes(),
                    s.spec.jvm() ? JvmTools.liveHeapBytes(s.process.pid()) : 0});
            populateSeconds.put(s.spec.name(), 0.0);
        }
        int registered = 0;
        for (int size : plan.listSizes()) {
            String label = String.format("%,d", size);
            String prefix = Population.onePercentPrefix(size);
            for (Server s : servers) {
                try (RawPyroClient c = RawPyroClient.connected(s.process.address, 120_000)) {
                    double t = Population.register(c, registered, size, true, System.nanoTime() + 300_000_000_000L);
                    populateSeconds.merge(s.spec.name(), t, Double::sum);
                    check(c, "list", kwargs("prefix", prefix), size / 100);
                }
                byte[] listBody = RawPyroClient.callBody("list", List.of(), kwargs("prefix", prefix));
                listScenario(s, "list(prefix) 1% of " + label, listBody);
                if (plan.profile() && s.spec.name().equals(P) && size == plan.listSizes().get(plan.listSizes().size() - 1)) {
                    JvmTools.startRecording(s.process.pid());
                    s.loop.run(1, 0, plan.measureMillis(), 10_000, (c, client, i) -> c.invoke(listBody, 0));
                    profileSummary(s.process.pid(), "pyrons-list-" + size);
                }
                if (size == 100_000) {
                    List<Object> tag = List.of("grp:7");
                    try (RawPyroClient c = RawPyroClient.connected(s.process.address, 120_000)) {
                        check(c, "list", kwargs("metadata_all", tag), size / 100);
                        if (s.spec.pyrons()) {
                            check(c, "yplookup", kwargs("meta_all", tag, "return_metadata", false), size / 100);
                        }
                    }
                    listScenario(s, "list(metadata_all) 1% of " + label, RawPyroClient.callBody("list",
                            List.of(), kwargs("metadata_all", tag)));
                    if (s.spec.pyrons()) {
                        listScenario(s, "yplookup(meta_all) 1% of " + label, RawPyroClient.callBody(
                                "yplookup", List.of(), kwargs("meta_all", tag, "return_metadata", false)));
                    }
                }
            }
            registered = size;
        }
        String label = "memory at " + String.format("%,d", registered) + " names";
        for (Server s : servers) {
            String name = s.spec.name();
            report.put("populate (batch register)", "names/s", name, registered / populateSeconds.get(name));
            report.put(label, "RSS bytes/name", name, (double) (s.process.rssBytes() - before.get(name)[0]) / registered);
            if (s.spec.jvm()) {
                report.put(label, "live heap bytes/name", name,
                        (double) (JvmTools.liveHeapBytes(s.process.pid()) - before.get(name)[1]) / registered);
            }
        }
    }

    private static void check(RawPyroClient c, String method, Map<String, Object> kw, int expected) throws IOException {
        Object answer = c.call(method, List.of(), kw);
        if (!(answer instanceof Map<?, ?> m) || m.size() != expected) {
            throw new IOException(method + kw + " answered " + (answer instanceof Map<?, ?> m ? m.size() + " entries"
                    : String.valueOf(answer)) + ", expected " + expected);
        }
    }

    private void listScenario(Server s, String scenario, byte[] body) throws InterruptedException {
        LoadResult r = s.loop.run(1, plan.warmupMillis() / 2, plan.measureMillis(), 10_000,
                (c, client, i) -> c.invoke(body, 0));
        record(s.spec, scenario, r, true);
    }

    // ---- persistent stores

    void storageSession(ServerSpec spec, String storage) throws InterruptedException {
        System.out.println("== " + spec.name() + ": register into " + storage);
        Path file = plan.out().resolve("store-" + spec.name().replaceAll("\\W", "") + "." + storage).toAbsolutePath();
        deleteStore(file);
        try (ServerProcess p = spec.start(storage + ":" + file, plan.out())) {
            ClosedLoop loop = new ClosedLoop(p.address, p.pid());
            for (int n : List.of(1, 8)) {
                String tag = storage + n;
                LoadResult r = loop.run(n, plan.warmupMillis() / 2, plan.measureMillis(), 200_000, (c, client, i) ->
                        c.invoke(RawPyroClient.callBody("register", List.of("w." + tag + "." + client + "." + i,
                                "PYRO:w@127.0.0.1:50003"), Map.of()), 0));
                record(spec, "register into " + storage + " ×" + n, r, false);
            }
        } catch (IOException e) {
            report.note(spec.name() + " with -s " + storage + ": " + firstLine(e.getMessage()));
        } finally {
            deleteStore(file);
        }
    }

    private static void deleteStore(Path file) {
        try (var siblings = Files.list(file.getParent())) {
            for (Path f : siblings.filter(f -> f.getFileName().toString().startsWith(file.getFileName().toString()))
                    .toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.out.println("cannot delete " + file + ": " + e);
        }
    }

    // ---- a cluster on ZooKeeper (issue 16)

    /**
     * Three ZooKeeper servers ({@code ZooKeeperEnsemble}) and two pyrons instances on one chroot; the names are
     * registered through the other instance, so the measured one holds them by its watches. Lookups through it
     * against pyrons on memory, and registers against pyrons on sql, all running at once and visited in turn.
     */
    void clusterSession(ServerSpec spec) throws InterruptedException {
        System.out.println("== " + spec.name() + ": one instance of a cluster on ZooKeeper vs memory and sql");
        if (spec.embedded()) {
            report.note("cluster session not run: pyrons runs as EmbeddedPyrons, which has no zk store");
            return;
        }
        Path sqlFile = plan.out().resolve("store-cluster.sql").toAbsolutePath();
        deleteStore(sqlFile);
        List<ServerProcess> running = new ArrayList<>();
        try (ZooKeeperEnsemble zookeeper = ZooKeeperEnsemble.start(plan.out().toAbsolutePath().resolve("zookeeper"),
                "bench")) {
            String cluster = "zk:" + zookeeper.connectString() + "/bench" + ProcessHandle.current().pid();
            ServerProcess memory = spec.start("", plan.out());
            running.add(memory);
            ServerProcess other = spec.named(ZK + " other").start(cluster, plan.out());
            running.add(other);
            ServerProcess measured = spec.named(ZK).start(cluster, plan.out());
            running.add(measured);
            ServerProcess sql = spec.named(SQL).start("sql:" + sqlFile, plan.out());
            running.add(sql);
            registerLookupNames(memory);
            registerLookupNames(other);
            awaitCount(measured, LOOKUP_NAMES + 1);
            ClientOp lookup = lookupOp(PyroProtocol.PYRO4);
            List<Server> readers = List.of(new Server(spec, memory, new ClosedLoop(memory.address, memory.pid())),
                    new Server(spec.named(ZK), measured, new ClosedLoop(measured.address, measured.pid())));
            for (Server s : readers) {
                warmUp(s, lookup);
            }
            for (int n : List.of(1, 8)) {
                for (Server s : readers) {
                    record(s.spec, CLUSTER_LOOKUP + n, s.loop.run(n, plan.warmupMillis(), plan.measureMillis(),
                            MAX_OPS_PER_CLIENT, lookup), false);
                }
            }
            List<Server> writers = List.of(new Server(spec.named(ZK), measured,
                            new ClosedLoop(measured.address, measured.pid())),
                    new Server(spec.named(SQL), sql, new ClosedLoop(sql.address, sql.pid())));
            for (int n : List.of(1, 8)) {
                for (Server s : writers) {
                    String tag = "c" + n + s.process.pid();
                    LoadResult r = s.loop.run(n, plan.warmupMillis() / 2, plan.measureMillis(), 200_000,
                            (c, client, i) -> c.invoke(RawPyroClient.callBody("register",
                                    List.of("w." + tag + "." + client + "." + i, "PYRO:w@127.0.0.1:50003"), Map.of()), 0));
                    record(s.spec, CLUSTER_REGISTER + n, r, false);
                }
            }
            clusterFailover(spec, "zk:" + zookeeper.connectString() + "/failover" + ProcessHandle.current().pid());
        } catch (IOException | AssertionError e) {
            // AssertionError: the ensemble formed no quorum (ZooKeeperEnsemble is the itests')
            report.note("cluster session stopped: " + firstLine(e.getMessage()));
        } finally {
            running.forEach(ServerProcess::close);
            deleteStore(sqlFile);
        }
    }

    /**
     * {@link ClusterFailover}: two more instances on {@code storage}, both answering broadcasts on one free port;
     * rounds of "the located instance is SIGKILLed; time until the client's next lookup through another one".
     */
    private void clusterFailover(ServerSpec spec, String storage) throws InterruptedException {
        int rounds = plan.quick() ? 3 : 7;
        ClusterFailover failover;
        try {
            failover = new ClusterFailover(spec, storage, plan.out(), ClusterFailover.freeUdpPort());
        } catch (IOException e) {
            report.note("cluster failover not measured: " + firstLine(e.getMessage()));
            return;
        }
        System.out.println("== " + spec.name() + ": cluster failover, " + rounds + " rounds per client");
        try {
            failover.start();
            int answering = failover.answering();
            if (answering != 2) {
                report.note("cluster failover not measured: " + answering + " of 2 instances answered one broadcast to "
                        + ClusterFailover.LOOPBACK_BROADCAST);
                return;
            }
            recordFailover("raw client", failover.raw(rounds));
            Path script = ClusterFailover.pyro4Script();
            String python = "/usr/bin/python3";
            if (script != null && Files.isExecutable(Path.of(python))) {
                recordFailover("Pyro4", failover.pyro4(python, script, rounds));
            } else {
                report.note("cluster failover: no Pyro4 client (" + python + ", bench/src/main/python/relocate_pyro4.py)");
            }
        } catch (IOException e) {
            report.note("cluster failover stopped: " + firstLine(e.getMessage()));
        } finally {
            failover.stop();
        }
    }

    private void recordFailover(String client, ClusterFailover.Rounds rounds) {
        report.put(CLUSTER_FAILOVER, client + " median ms", ZK, rounds.median());
        report.put(CLUSTER_FAILOVER, client + " max ms", ZK, rounds.max());
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < rounds.millis().length; i++) {
            each.append(i == 0 ? "" : ", ").append(String.format("%.1f", rounds.millis()[i]))
                    .append(rounds.attempts()[i] > 1 ? " (" + rounds.attempts()[i] + " locates)" : "");
        }
        report.note("cluster failover, " + client + " (kill → lookup answered through the instance located next, by "
                + "broadcast to " + ClusterFailover.LOOPBACK_BROADCAST + "), ms per round: " + each);
    }

    /**
     * Issue 16 at scale: {@code names} (1,000,000; 100,000 with --quick) registered into {@code zk:} through one
     * instance (batch register of {@value Population#BATCH}, {@value #POPULATE_CONNECTIONS} connections at once), then
     * a second instance started on the same chroot must hold them all: count, sampled lookups, list(prefix) and
     * yplookup (1% each), its start → ready time, live heap and RSS. The names' znodes in one parent would make a child
     * list of {@code names × ~14} bytes, over ZooKeeper's 1 MB reply limit from ~75,000 such names: the store spreads
     * them over 256 buckets.
     */
    void clusterMillion(ServerSpec spec) throws InterruptedException {
        int names = plan.quick() ? 100_000 : 1_000_000;
        String scenario = "cluster: " + String.format("%,d", names) + " names";
        System.out.println("== " + spec.name() + ": " + scenario + " on ZooKeeper");
        if (spec.embedded()) {
            report.note(scenario + " not run: pyrons runs as EmbeddedPyrons, which has no zk store");
            return;
        }
        List<ServerProcess> running = new ArrayList<>();
        // each ZooKeeper server holds every znode (~400 bytes each) and writes snapshots of them
        try (ZooKeeperEnsemble zookeeper = ZooKeeperEnsemble.startLarge(
                plan.out().toAbsolutePath().resolve("zookeeper"), "million", "2g")) {
            String cluster = "zk:" + zookeeper.connectString() + "/million" + ProcessHandle.current().pid();
            ServerProcess first = spec.named(ZK).start(cluster, plan.out());
            running.add(first);
            java.util.concurrent.atomic.AtomicInteger retried = new java.util.concurrent.atomic.AtomicInteger();
            double populate = populate(first, names, retried);
            report.put(scenario, "populate through one instance s", ZK, populate);
            report.put(scenario, "populate registers/s", ZK, names / populate);
            if (retried.get() > 0) {
                report.note(scenario + ": " + retried.get() + " batches were refused (storage unavailable: ZooKeeper "
                        + "electing a leader) and sent again");
            }
            awaitCount(first, names + 1);
            ServerProcess second = ServerProcess.start(ZK + " second", startCommand(spec, cluster), spec.env(),
                    plan.out().resolve("pyrons_zk_second.log"), 600_000);
            running.add(second);
            second.awaitFirstPing(600_000);
            awaitCount(second, names + 1);
            long ready = System.nanoTime();
            report.put(scenario, "second instance start → ready s", ZK, (ready - second.spawnedAt) / 1e9);
            report.put(scenario, "second instance start → first ping s", ZK,
                    (second.firstPingAt - second.spawnedAt) / 1e9);
            checkMillion(second, names, scenario);
            report.put(scenario, "second instance RSS MB", ZK, second.rssBytes() / 1e6);
            report.put(scenario, "second instance live heap MB", ZK, JvmTools.liveHeapBytes(second.pid()) / 1e6);
            report.put(scenario, "first instance RSS MB", ZK, first.rssBytes() / 1e6);
            long childBytes = 0;
            for (int i = 0; i < names; i++) {
                childBytes += 4 + 1 + Population.name(i).length(); // length prefix, 'n', the name (nothing escaped)
            }
            report.note(scenario + ": the names' znode names alone make " + String.format("%,d", childBytes)
                    + " bytes, which one unbucketed child list would have to return (ZooKeeper's reply limit, "
                    + "jute.maxbuffer: 1,048,575); 256 buckets make ~" + String.format("%,d", childBytes / 256)
                    + " each. ZooKeeper's data directories: " + String.format("%,d MB", directorySize(
                    zookeeper.directory()) / 1_000_000));
        } catch (IOException | AssertionError e) {
            report.note(scenario + " stopped: " + firstLine(e.getMessage()));
        } finally {
            running.forEach(ServerProcess::close);
        }
    }

    private static final int POPULATE_CONNECTIONS = 32;
    private static final int BATCH_ATTEMPTS = 10;

    /**
     * Registers names [0, names) through {@code p} from {@value #POPULATE_CONNECTIONS} connections; seconds taken. A
     * batch refused (a write fails while ZooKeeper elects a leader) is sent again, as a client would, at most
     * {@value #BATCH_ATTEMPTS} times; {@code retried} counts them.
     */
    private static double populate(ServerProcess p, int names, java.util.concurrent.atomic.AtomicInteger retried)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + 3_600_000_000_000L;
        java.util.concurrent.atomic.AtomicInteger nextBatch = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < POPULATE_CONNECTIONS; c++) {
            Thread t = new Thread(() -> {
                try (RawPyroClient client = RawPyroClient.connected(p.address, 120_000)) {
                    for (int b = nextBatch.getAndIncrement(); b * Population.BATCH < names && failures.isEmpty();
                         b = nextBatch.getAndIncrement()) {
                        for (int attempt = 1; ; attempt++) {
                            try {
                                Population.register(client, b * Population.BATCH,
                                        Math.min(names, (b + 1) * Population.BATCH), true, deadline);
                                break;
                            } catch (IOException e) {
                                if (attempt == BATCH_ATTEMPTS || !String.valueOf(e.getMessage()).startsWith("batch")) {
                                    throw e;
                                }
                                retried.incrementAndGet();
                                Thread.sleep(1000);
                            }
                        }
                    }
                } catch (IOException e) {
                    failures.add(e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add("interrupted");
                }
            }, "populate-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IOException("populating failed: " + failures.get(0));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The second instance answers as the first: sampled lookups, list(prefix) and yplookup of 1% each. */
    private void checkMillion(ServerProcess p, int names, String scenario) throws IOException {
        try (RawPyroClient c = RawPyroClient.connected(p.address, 120_000)) {
            java.util.Random random = new java.util.Random(16);
            int samples = 1000;
            long t0 = System.nanoTime();
            for (int k = 0; k < samples; k++) {
                int i = random.nextInt(names);
                Object uri = c.call("lookup", List.of(Population.name(i)), Map.of());
                if (!String.valueOf(uri).contains("obj" + i + "@")) {
                    throw new IOException("lookup of " + Population.name(i) + " on the second instance: " + uri);
                }
            }
            double lookupMicros = (System.nanoTime() - t0) / 1e3 / samples;
            String prefix = Population.onePercentPrefix(names);
            t0 = System.nanoTime();
            Object listed = c.call("list", List.of(prefix), Map.of());
            double listMillis = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            Object found = c.call("yplookup", List.of(), kwargs("meta_all", List.of("grp:7")));
            double ypMillis = (System.nanoTime() - t0) / 1e6;
            int listedSize = listed instanceof Map<?, ?> m ? m.size() : -1;
            int foundSize = found instanceof Map<?, ?> m ? m.size() : -1;
            if (listedSize != names / 100 || foundSize != names / 100) {
                throw new IOException("second instance: list(prefix=" + prefix + ") " + listedSize + ", yplookup grp:7 "
                        + foundSize + " names, expected " + names / 100 + " each");
            }
            report.note(scenario + ": the second instance answered " + samples + " sampled lookups right (" + String.format(
                    "%.0f µs each", lookupMicros) + "), list(prefix='" + prefix + "') " + listedSize + " names in "
                    + String.format("%.0f ms", listMillis) + ", yplookup(meta_all=['grp:7']) " + foundSize + " in "
                    + String.format("%.0f ms", ypMillis));
        }
    }

    private static List<String> startCommand(ServerSpec spec, String storage) {
        List<String> command = new ArrayList<>(spec.command());
        command.addAll(List.of("-s", storage));
        return command;
    }

    private static long directorySize(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits (at most 30 s) until {@code p} counts {@code expected} names: its copy has caught up. */
    private static void awaitCount(ServerProcess p, int expected) throws IOException, InterruptedException {
        try (RawPyroClient c = RawPyroClient.connected(p.address, 10_000)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            Object count = null;
            while (System.nanoTime() < deadline) {
                count = c.call("count", List.of(), Map.of());
                if (count instanceof Number n && n.intValue() >= expected) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new IOException(p.name + " counts " + count + " names after 30 s, expected " + expected);
        }
    }

    // ---- Pyro5 beside Pyro4 (issue 15)

    /**
     * One pyrons process, lookups of the same names over Pyro4 and over Pyro5, both serpent: at 1 and at 8 clients,
     * four windows in the order Pyro4, Pyro5, Pyro5, Pyro4, each protocol's two windows counted as one, so that
     * neither runs only first or only second while the machine's other load drifts. The column
     * {@value ServerSpec#PYRONS} is the Pyro4 path, {@value ServerSpec#PYRO5} the Pyro5 path, and the rows
     * "Pyro5 ÷ Pyro4" their ratios.
     */
    void pyro5Session(ServerSpec spec) throws InterruptedException {
        System.out.println("== " + spec.name() + ": lookups over Pyro4 and Pyro5 in one process");
        try (ServerProcess p = spec.start("", plan.out())) {
            registerLookupNames(p);
            try (RawPyroClient c = RawPyroClient.connected(p.address, 10_000, PyroProtocol.PYRO5)) {
                Object uri = c.call("lookup", List.of(lookupName(7)), Map.of());
                if (!String.valueOf(uri).contains("lk7@127.0.0.1:50001")) {
                    throw new IOException(p.name + ": Pyro5 lookup answered " + uri);
                }
            }
            Server four = new Server(spec, p, new ClosedLoop(p.address, p.pid(), PyroProtocol.PYRO4));
            Server five = new Server(spec.named(PY5), p, new ClosedLoop(p.address, p.pid(), PyroProtocol.PYRO5));
            ClientOp lookup4 = lookupOp(PyroProtocol.PYRO4);
            ClientOp lookup5 = lookupOp(PyroProtocol.PYRO5);
            warmUp(four, lookup4);
            warmUp(five, lookup5);
            for (int n : List.of(1, 8)) {
                String scenario = PYRO5_LOOKUP + n;
                Map<Server, List<LoadResult>> windows = new LinkedHashMap<>(Map.of(four, new ArrayList<>(),
                        five, new ArrayList<>()));
                for (Server s : List.of(four, five, five, four)) {
                    windows.get(s).add(s.loop.run(n, plan.warmupMillis(), plan.measureMillis(), MAX_OPS_PER_CLIENT,
                            s == four ? lookup4 : lookup5));
                }
                for (Server s : List.of(four, five)) {
                    record(s.spec, scenario, LoadResult.combined(windows.get(s)), false);
                }
                for (String metric : List.of("ops/s", "server CPU µs/op")) {
                    Double r = report.ratio(scenario, metric, PY5, P);
                    if (r != null && !r.isNaN()) {
                        report.put(scenario, "Pyro5 ÷ Pyro4 " + metric, PY5, r);
                    }
                }
            }
        } catch (IOException e) {
            report.note("Pyro5 session stopped: " + firstLine(e.getMessage()));
        }
    }

    /** Lookups of the {@value #LOOKUP_NAMES} names, pre-serialized for {@code protocol}, spread over the clients. */
    private static ClientOp lookupOp(PyroProtocol protocol) {
        byte[][] lookups = new byte[LOOKUP_NAMES][];
        for (int i = 0; i < LOOKUP_NAMES; i++) {
            lookups[i] = RawPyroClient.callBody(protocol, "lookup", List.of(lookupName(i)), Map.of());
        }
        return (c, client, i) -> c.invoke(lookups[(int) ((client * 7919L + i) % LOOKUP_NAMES)], 0);
    }

    // ---- capacity

    void capacity(ServerSpec spec) throws InterruptedException {
        System.out.println("== " + spec.name() + ": capacity");
        try (ServerProcess p = spec.start("", plan.out())) {
            Capacity.Result r = Capacity.run(p.address, plan.idle(), plan.silent(), plan.fresh(), 120_000);
            report.put("capacity", "idle connections admitted", spec.name(), r.idleAdmitted());
            report.put("capacity", "silent connections open", spec.name(), r.silentOpen());
            report.put("capacity", "fresh clients served", spec.name(), r.freshOk());
            if (r.freshOk() > 0) {
                report.put("capacity", "fresh connect+ping p50 ms", spec.name(), r.fresh().quantile(0.5) / 1e6);
                report.put("capacity", "fresh connect+ping p99 ms", spec.name(), r.fresh().quantile(0.99) / 1e6);
            }
            report.note(spec.name() + " capacity: " + r.idleAdmitted() + " of " + plan.idle() + " idle clients in "
                    + String.format("%.1f s", r.idleSeconds()) + ", " + r.silentOpen() + " silent, fresh clients "
                    + r.freshOk() + " of " + r.freshTried() + " served" + (r.note().isEmpty() ? "" : "; " + r.note()));
        } catch (IOException e) {
            report.note(spec.name() + " capacity: " + firstLine(e.getMessage()));
        }
    }

    // ----

    private void record(ServerSpec spec, String scenario, LoadResult r, boolean millis) {
        String name = spec.name();
        if (r.ops() == 0) {
            report.note(name + " " + scenario + ": no operation completed (" + r.note() + ")");
            return;
        }
        double unit = millis ? 1e6 : 1e3;
        String u = millis ? "ms" : "µs";
        report.put(scenario, "ops/s", name, r.opsPerSecond());
        report.put(scenario, "p50 " + u, name, r.p50Nanos() / unit);
        report.put(scenario, "p99 " + u, name, r.p99Nanos() / unit);
        if (!Double.isNaN(r.cpuNanosPerOp())) {
            report.put(scenario, "server CPU " + u + "/op", name, r.cpuNanosPerOp() / unit);
        }
        if (!r.note().isEmpty()) {
            report.note(name + " " + scenario + ": " + r.note());
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
