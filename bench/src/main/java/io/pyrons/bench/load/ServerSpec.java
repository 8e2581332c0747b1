package io.pyrons.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one kind of server on 127.0.0.1 with port 0, optionally with a storage argument
 * ({@code sql:FILE}, {@code dbm:FILE}) in pyro4-ns's {@code -s} syntax.
 *
 * @param jvm          whether the server is a JVM whose heap can be read with jcmd and profiled with JFR
 * @param nameServer   whether it is a real name server (the zero-work responder only answers lookups)
 */
record ServerSpec(String name, List<String> command, Map<String, String> env, boolean jvm, boolean nameServer) {
    static final String PYRONS = "pyrons";
    static final String PYRO4_NS = "pyro4-ns";
    static final String RESPONDER = "responder";
    /** A second pyrons.jar measured beside the first ({@code --baseline}). */
    static final String BASELINE = "pyrons (baseline)";
    /** An installed distribution's pyro-ns ({@code --dist}): the archive's bin/pyro-ns or /usr/bin/pyro-ns. */
    static final String INSTALLED = "pyrons (installed)";
    /** pyrons as one instance of a cluster on ZooKeeper ({@code -s zk:...}), in the cluster session. */
    static final String ZK = "pyrons (zk)";
    /** pyrons on sql, beside {@link #ZK} in the cluster session. */
    static final String SQL = "pyrons (sql)";
    /** The pyrons process of the {@code pyro5} session, measured through its Pyro5 clients (issue 15). */
    static final String PYRO5 = "pyrons (Pyro5)";
    private static final String JAVA_OPTS = "JAVA_OPTS";

    /**
     * pyrons as users start it: {@code runtime/bin/pyro-ns} beside the jar's {@code target/} directory (its class data
     * archive and start-up options), else {@code java -jar}. The JVM options go in through JAVA_OPTS, set even when
     * empty: bin/pyro-ns then uses the JVM's own defaults (tiered compilation) as the load scenarios always did, and
     * its start-up defaults (C1 only) only in {@link #forStartup()}.
     */
    static ServerSpec pyrons(Path jar, List<String> jvmOptions) {
        Path script = jar.toAbsolutePath().getParent().resolveSibling("bin").resolve("pyro-ns");
        List<String> args = List.of("-n", "127.0.0.1", "-p", "0", "-x");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(script)) {
            cmd.add(script.toString());
            cmd.addAll(args);
            return new ServerSpec(PYRONS, cmd, Map.of(JAVA_OPTS, String.join(" ", jvmOptions)), true, true);
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        return new ServerSpec(PYRONS, cmd, Map.of(), true, true);
    }

    /**
     * This server as a user starts it, for the start-up scenario: bin/pyro-ns with its own defaults, JAVA_OPTS unset
     * (also when the bench's own environment has one: {@code env -u}, which execs, so the PID stays the server's).
     */
    ServerSpec forStartup() {
        if (!env.containsKey(JAVA_OPTS) || !env.get(JAVA_OPTS).isEmpty()) {
            return this;
        }
        List<String> cmd = new ArrayList<>(List.of("env", "-u", JAVA_OPTS));
        cmd.addAll(command);
        Map<String, String> withoutOptions = new HashMap<>(env);
        withoutOptions.remove(JAVA_OPTS);
        return new ServerSpec(name, cmd, Map.copyOf(withoutOptions), jvm, nameServer);
    }

    /**
     * An installed distribution's pyro-ns as an operator starts it: its own start-up defaults (JAVA_OPTS unset, also
     * when the bench's environment has one: {@code env -u}, which execs, so the PID stays the server's) and the class
     * data archive it makes on this machine.
     */
    static ServerSpec installed(Path pyroNs) {
        return new ServerSpec(INSTALLED, List.of("env", "-u", JAVA_OPTS, pyroNs.toString(), "-n", "127.0.0.1", "-p",
                "0", "-x"), Map.of(), true, true);
    }

    /** The same program asked for its help ({@code -h}) instead of a start. */
    List<String> helpCommand() {
        List<String> cmd = new ArrayList<>(command.subList(0, command.indexOf("-n")));
        cmd.add("-h");
        return cmd;
    }

    /**
     * This server with its broadcast responder on {@code bcport} ({@code --bcport}) instead of none ({@code -x}),
     * bound to 0.0.0.0: like Pyro4, pyrons starts no responder for a name server bound to localhost. It answers a
     * client on this machine with a 127.0.0.1 URI, so the traffic stays on loopback.
     */
    ServerSpec withBroadcast(int bcport) {
        List<String> cmd = new ArrayList<>(command);
        cmd.set(cmd.indexOf("-n") + 1, "0.0.0.0");
        int x = cmd.indexOf("-x");
        cmd.remove(x);
        cmd.addAll(x, List.of("--bcport", String.valueOf(bcport)));
        return new ServerSpec(name, cmd, env, jvm, nameServer);
    }

    /** This server under another column name. */
    ServerSpec named(String newName) {
        return new ServerSpec(newName, command, env, jvm, nameServer);
    }

    /** Whether this is pyrons, measured or baseline. */
    boolean pyrons() {
        return name.equals(PYRONS) || name.equals(BASELINE);
    }

    /** Whether this is pyrons wired without the framework ({@link EmbeddedPyrons}: memory only, no zk or sql). */
    boolean embedded() {
        return command.contains(EmbeddedPyrons.class.getName());
    }

    /** pyrons wired without the framework ({@link EmbeddedPyrons}), for when the jar cannot serve. */
    static ServerSpec embeddedPyrons() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ServerSpec(PYRONS, List.of(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedPyrons.class.getName(), "3600"), Map.of(), true, true);
    }

    static ServerSpec pyro4ns(String executable, String serverType) {
        // Python block-buffers a piped stdout: the port line would never arrive without this
        Map<String, String> env = serverType.isEmpty() ? Map.of("PYTHONUNBUFFERED", "1")
                : Map.of("PYTHONUNBUFFERED", "1", "PYRO_SERVERTYPE", serverType);
        String name = serverType.isEmpty() ? PYRO4_NS : PYRO4_NS + " (" + serverType + ")";
        return new ServerSpec(name, List.of(executable, "-n", "127.0.0.1", "-p", "0", "-x"), env, false, true);
    }

    static ServerSpec responder() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ServerSpec(RESPONDER, List.of(java, "-cp", System.getProperty("java.class.path"),
                ZeroWorkResponder.class.getName(), "3600"), Map.of(), true, false);
    }

    /** The executable's path if it is on PATH, else empty. */
    static String onPath(String executable) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, executable);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "";
    }

    ServerProcess start(String storage, Path logDir) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        if (!storage.isEmpty()) {
            cmd.addAll(List.of("-s", storage));
        }
        Path log = logDir.resolve(name.replaceAll("[^A-Za-z0-9.-]+", "_") + ".log");
        ServerProcess p = ServerProcess.start(name, cmd, env, log, 60_000);
        try {
            p.awaitFirstPing(15_000);
            return p;
        } catch (IOException e) {
            p.close();
            throw e;
        }
    }
}
