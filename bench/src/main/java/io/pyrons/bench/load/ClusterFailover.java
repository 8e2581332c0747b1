package io.pyrons.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 16: the time from a pyrons instance's death to a client's first successful lookup through another one,
 * found by broadcast. Two instances on one chroot, both answering {@code GET_NSURI} on one UDP port (a free one,
 * not 9091: other servers on this machine must not answer) sent to the loopback broadcast address
 * 127.255.255.255, which Linux delivers to every socket bound to the port with SO_REUSEADDR, as a LAN broadcast
 * (the instances are bound to 0.0.0.0: none answers broadcasts when bound to localhost, as in Pyro4).
 * A client locates (the first answer), registers a name there and looks it up; the instance it located is
 * SIGKILLed; the clock runs from just before the kill until the client's next lookup of that name has been
 * answered, the client doing what a client does: its call on the old connection fails, it locates again (the
 * dead instance no longer answers) and looks the name up there. The killed instance is started again between
 * rounds. Clients: {@link RawPyroClient} and real Pyro4 ({@code src/main/python/relocate_pyro4.py}).
 */
final class ClusterFailover {
    static final String LOOPBACK_BROADCAST = "127.255.255.255";
    private static final Pattern NS_URI = Pattern.compile("PYRO:Pyro\\.NameServer@([^:]+):(\\d+)");
    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int LOCATE_TIMEOUT_MILLIS = 700; // Pyro4's wait for an answer to one broadcast

    /** The relocation times of one client kind, in ms, and how many locate attempts each took. */
    record Rounds(double[] millis, int[] attempts) {
        double median() {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        double max() {
            return Arrays.stream(millis).max().orElse(Double.NaN);
        }
    }

    private final ServerSpec spec;
    private final String storage;
    private final Path logDir;
    private final int bcport;
    private final ServerProcess[] instances = new ServerProcess[2];

    ClusterFailover(ServerSpec spec, String storage, Path logDir, int bcport) {
        this.spec = spec.withBroadcast(bcport);
        this.storage = storage;
        this.logDir = logDir;
        this.bcport = bcport;
    }

    void start() throws IOException {
        for (int i = 0; i < instances.length; i++) {
            instances[i] = spec.named(ServerSpec.ZK + " failover " + (char) ('a' + i)).start(storage, logDir);
        }
    }

    /** {@code rounds} relocations of {@link RawPyroClient}. */
    Rounds raw(int rounds) throws IOException, InterruptedException {
        double[] millis = new double[rounds];
        int[] attempts = new int[rounds];
        for (int r = 0; r < rounds; r++) {
            String name = "failover.raw." + r;
            byte[] lookup = RawPyroClient.callBody("lookup", List.of(name), Map.of());
            InetSocketAddress located = locate(LOCATE_TIMEOUT_MILLIS);
            if (located == null) {
                throw new IOException("no instance answered a broadcast on " + LOOPBACK_BROADCAST + ":" + bcport);
            }
            try (RawPyroClient client = RawPyroClient.connected(located, 5_000)) {
                client.call("register", List.of(name, "PYRO:failover@127.0.0.1:50004"), Map.of());
                client.invoke(lookup, 0);
                int victim = instanceAt(located);
                long t0 = System.nanoTime();
                instances[victim].process.destroyForcibly();
                try {
                    client.invoke(lookup, 0);
                } catch (IOException expected) {
                    // the connection died with the instance: locate again, as a client does
                }
                while (true) {
                    if (System.nanoTime() - t0 > ROUND_TIMEOUT_NANOS) {
                        throw new IOException("no lookup of " + name + " through another instance within 30 s");
                    }
                    attempts[r]++;
                    InetSocketAddress next = locate(LOCATE_TIMEOUT_MILLIS);
                    if (next == null) {
                        continue;
                    }
                    try (RawPyroClient other = RawPyroClient.connected(next, 5_000)) {
                        other.invoke(lookup, 0);
                        break;
                    } catch (IOException e) {
                        // located the dying instance (its answer was on the way), or it refused: again
                    }
                }
                millis[r] = (System.nanoTime() - t0) / 1e6;
                restart(victim);
            }
        }
        return new Rounds(millis, attempts);
    }

    /**
     * {@code rounds} relocations of a real Pyro4 client: the script locates and looks up on "locate NAME", and on
     * "relocate NAME" calls the old proxy (which fails), then locates and looks up until that works.
     */
    Rounds pyro4(String python, Path script, int rounds) throws IOException, InterruptedException {
        double[] millis = new double[rounds];
        int[] attempts = new int[rounds];
        Process p = new ProcessBuilder(python, script.toString(), String.valueOf(bcport))
                .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve("relocate_pyro4.log").toFile()))
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (int r = 0; r < rounds; r++) {
                String name = "failover.pyro4." + r;
                in.write("locate " + name + "\n");
                in.flush();
                String at = out.readLine();
                if (at == null || !at.startsWith("AT ")) {
                    throw new IOException("Pyro4 client: " + at + " (its stderr: relocate_pyro4.log)");
                }
                int victim = instanceAt(new InetSocketAddress("127.0.0.1", Integer.parseInt(at.split(" ")[1])));
                long t0 = System.nanoTime();
                instances[victim].process.destroyForcibly();
                in.write("relocate " + name + "\n");
                in.flush();
                String again = out.readLine();
                millis[r] = (System.nanoTime() - t0) / 1e6;
                if (again == null || !again.startsWith("AT ")) {
                    throw new IOException("Pyro4 client after the kill: " + again + " (its stderr: relocate_pyro4.log)");
                }
                String[] parts = again.split(" ");
                if (instanceAt(new InetSocketAddress("127.0.0.1", Integer.parseInt(parts[1]))) == victim) {
                    throw new IOException("Pyro4 client looked up through the killed instance");
                }
                attempts[r] = Integer.parseInt(parts[2]);
                restart(victim);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return new Rounds(millis, attempts);
    }

    /** The answer to one GET_NSURI sent to the loopback broadcast address, or null without one in time. */
    InetSocketAddress locate(int timeoutMillis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.setSoTimeout(timeoutMillis);
            byte[] request = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(LOOPBACK_BROADCAST), bcport));
            byte[] answer = new byte[100];
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            socket.receive(packet);
            Matcher uri = NS_URI.matcher(new String(answer, 0, packet.getLength(), StandardCharsets.ISO_8859_1));
            if (!uri.find()) {
                throw new IOException("not a name server URI: " + new String(answer, 0, packet.getLength(),
                        StandardCharsets.ISO_8859_1));
            }
            return new InetSocketAddress(uri.group(1), Integer.parseInt(uri.group(2)));
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** How many instances answered one broadcast (within a second): both, or the method is not measured. */
    int answering() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.setSoTimeout(1000);
            byte[] request = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(LOOPBACK_BROADCAST), bcport));
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                DatagramPacket packet = new DatagramPacket(new byte[100], 100);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                answers.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1));
            }
            return (int) answers.stream().distinct().count();
        }
    }

    private int instanceAt(InetSocketAddress address) throws IOException {
        for (int i = 0; i < instances.length; i++) {
            if (instances[i] != null && instances[i].address.getPort() == address.getPort()) {
                return i;
            }
        }
        throw new IOException("located " + address + ", which is none of the instances started");
    }

    /** Waits for the killed instance to be gone, then starts it again on the same chroot. */
    private void restart(int victim) throws IOException, InterruptedException {
        ServerProcess dead = instances[victim];
        dead.process.waitFor(10, TimeUnit.SECONDS);
        dead.close();
        instances[victim] = spec.named(dead.name).start(storage, logDir);
    }

    void stop() {
        for (ServerProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /** A UDP port nothing is bound to now. */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The Pyro4 client script, when run from the repository's root as bench/run does. */
    static Path pyro4Script() {
        Path script = Path.of("bench/src/main/python/relocate_pyro4.py").toAbsolutePath();
        return Files.isRegularFile(script) ? script : null;
    }
}
