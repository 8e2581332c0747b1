package io.pyrons.itests.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces joined by a veth pair: a small private network (10.213.X.0/24) that the test owns
 * entirely, so that UDP broadcast and TCP really cross an interface between two hosts. Needs root and
 * iproute2; anything else is a failure with the reason, never a skip.
 *
 * <p>Names carry the PID of the JVM that made them ({@code pyrons-ns-<pid>-<random>-a|b}): namespaces left
 * behind by a run whose JVM is gone are deleted on the next run, and a run still going is never disturbed.
 * The veth ends are created directly inside the namespaces, so nothing ever appears in the host's own
 * network; deleting a namespace deletes its veth end, and with it the pair.
 */
final class NetworkNamespacePair implements AutoCloseable {

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(15);
    private static final String PREFIX = "pyrons-ns-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-[0-9a-f]+-[ab]$");
    static final String VETH_SERVER = "pyrons-a";
    static final String VETH_CLIENT = "pyrons-b";

    private final String server;
    private final String client;
    private final int subnet;

    private NetworkNamespacePair(String server, String client, int subnet) {
        this.server = server;
        this.client = client;
        this.subnet = subnet;
    }

    /** Deletes stale namespaces of earlier runs, then creates and wires the pair; fails saying what is missing. */
    static NetworkNamespacePair create() {
        requireIproute2();
        deleteStale();
        String run = PREFIX + ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        var pair = new NetworkNamespacePair(run + "-a", run + "-b", ThreadLocalRandom.current().nextInt(1, 255));
        try {
            pair.wire();
            return pair;
        } catch (RuntimeException | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    private void wire() {
        try {
            ip("netns", "add", server);
        } catch (AssertionError e) {
            throw new AssertionError("cannot create network namespaces: this test must run as root (CI does)."
                    + " It starts the name server in one namespace and finds it by broadcast from another.\n"
                    + e.getMessage(), e);
        }
        ip("netns", "add", client);
        ip("-n", server, "link", "add", VETH_SERVER, "type", "veth", "peer", "name", VETH_CLIENT, "netns", client);
        ip("-n", server, "addr", "add", serverAddress() + "/24", "brd", "+", "dev", VETH_SERVER);
        ip("-n", client, "addr", "add", clientAddress() + "/24", "brd", "+", "dev", VETH_CLIENT);
        for (String[] end : new String[][]{{server, VETH_SERVER}, {client, VETH_CLIENT}}) {
            ip("-n", end[0], "link", "set", "lo", "up");
            ip("-n", end[0], "link", "set", end[1], "up");
        }
        // Pyro4's default BROADCAST_ADDRS starts with "<broadcast>" (255.255.255.255), which needs a route: a LAN
        // host has its default route. Only that address is routed here: with a default route, Pyro4's reverse
        // lookup of 127.0.1.1 would wait seconds for a DNS server that is not on this network.
        ip("-n", client, "route", "add", "255.255.255.255/32", "dev", VETH_CLIENT);
    }

    String serverNamespace() {
        return server;
    }

    String clientNamespace() {
        return client;
    }

    /** The name server's address, on the veth in the server namespace. */
    String serverAddress() {
        return "10.213." + subnet + ".1";
    }

    /** The client's address, on the veth in the client namespace. */
    String clientAddress() {
        return "10.213." + subnet + ".2";
    }

    /** {@code command} run inside {@code namespace} ({@code ip netns exec} execs it: its PID is the command's). */
    static List<String> inNamespace(String namespace, List<String> command) {
        var all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(command);
        return all;
    }

    /** Both namespaces that still exist (empty once closed). */
    List<String> remaining() {
        return existing().stream().filter(name -> name.equals(server) || name.equals(client)).toList();
    }

    /** Deletes both namespaces (each one's veth end goes with it); what is already gone is fine. */
    @Override
    public void close() {
        for (String namespace : List.of(server, client)) {
            if (existing().contains(namespace)) {
                Commands.run(List.of("ip", "netns", "delete", namespace), Map.of(), null, IP_TIMEOUT);
            }
        }
    }

    private static void requireIproute2() {
        ProcessResult version;
        try {
            version = Commands.run(List.of("ip", "-V"), Map.of(), null, IP_TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError("the 'ip' command is missing: install iproute2 (apt-get install iproute2);"
                    + " this test needs it to create network namespaces\n" + e.getMessage(), e);
        }
        if (version.exitCode() != 0) {
            throw new AssertionError("the 'ip' command does not work: install iproute2\n" + version.describe());
        }
    }

    /**
     * Namespaces of ours whose JVM no longer runs: what a killed run left behind, with any server it had started
     * there (orphaned when its JVM died), which is stopped by its PID first.
     */
    private static void deleteStale() {
        for (String name : existing()) {
            Matcher ours = OURS.matcher(name);
            if (ours.matches() && ProcessHandle.of(Long.parseLong(ours.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                ProcessResult pids = Commands.run(List.of("ip", "netns", "pids", name), Map.of(), null, IP_TIMEOUT);
                pids.stdout().lines().map(String::strip).filter(pid -> pid.matches("\\d+"))
                        .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
                Commands.run(List.of("ip", "netns", "delete", name), Map.of(), null, IP_TIMEOUT);
            }
        }
    }

    /** The names {@code ip netns list} shows (it prints "name" or "name (id: N)"). */
    private static List<String> existing() {
        ProcessResult list = Commands.run(List.of("ip", "netns", "list"), Map.of(), null, IP_TIMEOUT);
        if (list.exitCode() != 0) {
            throw new AssertionError(list.describe());
        }
        return list.stdout().lines().map(line -> line.strip().split("\\s+")[0]).filter(name -> !name.isEmpty()).toList();
    }

    private static void ip(String... arguments) {
        var command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        ProcessResult result = Commands.run(command, Map.of(), null, IP_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
    }
}
