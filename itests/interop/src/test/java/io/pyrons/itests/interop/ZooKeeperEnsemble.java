package io.pyrons.itests.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ZooKeeper 3.9 ensemble of three {@code QuorumPeerMain} processes on 127.0.0.1, each started from this
 * JVM's classpath (the Maven test dependencies hold the server), with its data directory and log under
 * {@code target/}, and stopped (or SIGKILLed) by its own PID. Public, and shipped in this module's test-jar, for the
 * bench's cluster session (whose classpath holds the server too).
 *
 * <p>It may run inside a network namespace ({@link #startInNamespace}): then its 127.0.0.1 is that namespace's
 * loopback, reachable only by the processes started there ({@code ip netns exec} execs the server, so the PID is
 * still the server's), and the {@code srvr} probe runs there too.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {
    public static final int SIZE = 3;
    private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(60);

    /** The default heap of each server: enough for the tests' namespaces (a znode costs ~400 bytes). */
    private static final String DEFAULT_HEAP = "128m";

    private final Path directory;
    private final int[] clientPorts = new int[SIZE];
    private final Process[] servers = new Process[SIZE];
    /** The network namespace the servers run in, or null for this host's own network. */
    private final String networkNamespace;
    private final String heap;

    private ZooKeeperEnsemble(Path directory, String networkNamespace, String heap) {
        this.directory = directory;
        this.networkNamespace = networkNamespace;
        this.heap = heap;
    }

    /** Starts three servers and waits until they form a quorum (one leader). */
    static ZooKeeperEnsemble start(String label) throws IOException, InterruptedException {
        return start(Path.of("target", "zookeeper"), label);
    }

    /** Starts three servers, their files in {@code parent/LABEL-PID}, and waits until they form a quorum. */
    public static ZooKeeperEnsemble start(Path parent, String label) throws IOException, InterruptedException {
        return start(parent, label, null, DEFAULT_HEAP, 4);
    }

    /**
     * Three servers for a large namespace: {@code heap} each ({@code -Xmx}, e.g. {@code 2g}: a million names need
     * ~400 MB a server, more while a snapshot is written), and a leader that waits 10 s instead of 2 s for a
     * follower (syncLimit): on a shared machine one fsync of a busy log takes seconds, and a follower dropped for
     * that means an election, during which every write fails.
     */
    public static ZooKeeperEnsemble startLarge(Path parent, String label, String heap)
            throws IOException, InterruptedException {
        return start(parent, label, null, heap, 20);
    }

    /** Three servers inside the network namespace {@code namespace}, on its loopback. */
    static ZooKeeperEnsemble startInNamespace(String namespace, String label) throws IOException, InterruptedException {
        return start(Path.of("target", "zookeeper"), label, namespace, DEFAULT_HEAP, 4);
    }

    private static ZooKeeperEnsemble start(Path parent, String label, String namespace, String heap, int syncLimit)
            throws IOException, InterruptedException {
        Path directory = parent.resolve(label + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(directory, namespace, heap);
        try {
            ensemble.configure(syncLimit);
            for (int i = 0; i < SIZE; i++) {
                ensemble.startServer(i);
            }
            ensemble.awaitQuorum();
            return ensemble;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            ensemble.close();
            throw e;
        }
    }

    private void configure(int syncLimit) throws IOException {
        int[] peerPorts = new int[SIZE];
        int[] electionPorts = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            clientPorts[i] = freePort();
            peerPorts[i] = freePort();
            electionPorts[i] = freePort();
        }
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < SIZE; i++) {
            members.append("server.").append(i + 1).append("=127.0.0.1:").append(peerPorts[i]).append(':')
                    .append(electionPorts[i]).append('\n');
        }
        for (int i = 0; i < SIZE; i++) {
            Path data = directory.resolve("server" + (i + 1));
            Files.createDirectories(data);
            Files.writeString(data.resolve("myid"), String.valueOf(i + 1));
            Files.writeString(directory.resolve("zoo" + (i + 1) + ".cfg"), """
                    tickTime=500
                    initLimit=20
                    syncLimit=%d
                    dataDir=%s
                    clientPort=%d
                    clientPortAddress=127.0.0.1
                    admin.enableServer=false
                    4lw.commands.whitelist=srvr
                    maxSessionTimeout=60000
                    %s""".formatted(syncLimit, data, clientPorts[i], members));
        }
    }

    /** Starts (or restarts) server {@code i} (0-based). */
    void startServer(int i) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:TieredStopAtLevel=1",
                "-Dzookeeper.jmx.log4j.disable=true", "-cp", System.getProperty("java.class.path"),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                directory.resolve("zoo" + (i + 1) + ".cfg").toString()));
        if (networkNamespace != null) {
            command = NetworkNamespacePair.inNamespace(networkNamespace, command);
        }
        Path log = directory.resolve("server" + (i + 1) + ".log");
        servers[i] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL of server {@code i}, by its PID: no shutdown, as a crash. Returns once it is gone. */
    void kill(int i) throws InterruptedException {
        Process server = servers[i];
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("ZooKeeper server " + (i + 1) + " (PID " + server.pid() + ") survived SIGKILL");
            }
        }
    }

    /** The client address of every server: {@code 127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}. */
    public String connectString() {
        List<String> addresses = new ArrayList<>();
        for (int port : clientPorts) {
            addresses.add("127.0.0.1:" + port);
        }
        return String.join(",", addresses);
    }

    /** Waits until one server says it leads and every other running one follows. */
    void awaitQuorum() throws InterruptedException {
        long deadline = System.nanoTime() + QUORUM_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            int leaders = 0;
            int followers = 0;
            int running = 0;
            StringBuilder modes = new StringBuilder();
            for (int i = 0; i < SIZE; i++) {
                if (servers[i] == null || !servers[i].isAlive()) {
                    continue;
                }
                running++;
                String mode = mode(i);
                modes.append(i + 1).append('=').append(mode).append(' ');
                if (mode.equals("leader")) {
                    leaders++;
                } else if (mode.equals("follower")) {
                    followers++;
                }
            }
            last = modes.toString();
            if (leaders == 1 && leaders + followers == running) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("the ZooKeeper ensemble formed no quorum within " + QUORUM_TIMEOUT + " (" + last
                + "); logs in " + directory);
    }

    /** What server {@code i} says it is ({@code srvr}'s Mode line), or {@code down}. */
    String mode(int i) {
        if (networkNamespace != null) {
            return modeInNamespace(i);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", clientPorts[i]), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : answer.split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring(6).trim();
                }
            }
            return answer.contains("not currently serving") ? "not serving" : "unknown";
        } catch (IOException e) {
            return "down";
        }
    }

    /**
     * {@link #mode} through bash's {@code /dev/tcp} run in the namespace (this JVM cannot open a socket there). A
     * server that refuses the connection is down: bash fails before printing anything.
     */
    private String modeInNamespace(int i) {
        ProcessResult probe = Commands.run(NetworkNamespacePair.inNamespace(networkNamespace, List.of("timeout", "3",
                        "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + clientPorts[i] + " && printf srvr >&3 && cat <&3")),
                java.util.Map.of(), null, Duration.ofSeconds(10));
        for (String line : probe.stdout().split("\n")) {
            if (line.startsWith("Mode: ")) {
                return line.substring(6).trim();
            }
        }
        if (probe.exitCode() != 0 && probe.stdout().isEmpty()) {
            return "down";
        }
        return probe.stdout().contains("not currently serving") ? "not serving" : "unknown";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        for (int i = 0; i < SIZE; i++) {
            Process server = servers[i];
            if (server != null && server.isAlive()) {
                server.destroy();
                try {
                    if (!server.waitFor(10, TimeUnit.SECONDS)) {
                        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    server.destroyForcibly();
                }
            }
        }
    }
}
