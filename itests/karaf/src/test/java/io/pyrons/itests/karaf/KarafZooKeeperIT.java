package io.pyrons.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 16 in Karaf: with a real ZooKeeper server (a standalone {@code QuorumPeerMain} process this test starts and
 * stops by its PID), installing {@code pyrons-storage-zookeeper} and switching {@code storage} to {@code zk:} while a
 * real Pyro4 client stays connected: its connection survives the switch, the names it registered on memory were
 * copied into ZooKeeper, and what it registers afterwards lands there too (switching away and back finds them kept).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafZooKeeperIT extends PyronsKarafTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    public void switchingToZooKeeperKeepsAConnectedPyro4ClientAndItsNames() throws Exception {
        PyronsChecks.requirePyro4();
        Process zookeeper = null;
        Process client = null;
        try {
            int zkPort = KarafOptions.freePort();
            zookeeper = startZooKeeper(zkPort);
            int port = installPyrons();

            client = new ProcessBuilder(PyronsChecks.PYTHON,
                    new File(System.getProperty("pyrons.python.scripts"), "pyro4_stay.py").getPath(),
                    String.valueOf(port), "zk.a=PYRO:a@127.0.0.1:7201", "zk.b=PYRO:b@127.0.0.1:7202")
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = lines(client.getInputStream());
            String connected = next(lines);
            assertTrue(connected, connected.startsWith("connected "));

            // install = available; the operator names the ensemble: the names move into ZooKeeper
            shell.ok("feature:install pyrons-storage-zookeeper");
            String zk = "zk:127.0.0.1:" + zkPort + "/karaf";
            shell.ok("config:edit io.pyrons.naming; config:property-set storage " + zk + "; config:update");
            assertEquals("the daemon keeps its port", port, checks.awaitNameServer(zk + "; copied the 2 names of memory"));

            // the same connection goes on: lookups of the copied names, and a register into ZooKeeper
            Writer toClient = new java.io.OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
            toClient.write("zk.c=PYRO:c@127.0.0.1:7203\n");
            toClient.flush();
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(next(lines));
            }
            assertEquals(List.of("zk.a PYRO:a@127.0.0.1:7201", "zk.b PYRO:b@127.0.0.1:7202",
                    "zk.c PYRO:c@127.0.0.1:7203", connected), answers);
            assertTrue("the client ended", client.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, client.exitValue());

            // the names are in ZooKeeper: away to memory and back, they are found there and nothing is copied
            shell.ok("config:edit io.pyrons.naming; config:property-set storage memory; config:update");
            checks.awaitNameServer("memory");
            shell.ok("config:edit io.pyrons.naming; config:property-set storage " + zk + "; config:update");
            checks.awaitNameServer(zk + "; kept the 3 names already in " + zk);
            assertEquals("""
                    NAME  URI                    METADATA
                    zk.a  PYRO:a@127.0.0.1:7201
                    zk.b  PYRO:b@127.0.0.1:7202
                    zk.c  PYRO:c@127.0.0.1:7203
                    3 registrations
                    """, PyronsChecks.lines(shell.ok("ns:list zk.")));
        } finally {
            stop(client);
            stop(zookeeper);
        }
    }

    /** A standalone ZooKeeper on 127.0.0.1:{@code port}, its files under karaf.data; returns once it serves. */
    private static Process startZooKeeper(int port) throws Exception {
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("karaf.data")), "zookeeper");
        Path config = directory.resolve("zoo.cfg");
        Files.writeString(config, """
                tickTime=500
                dataDir=%s
                clientPort=%d
                clientPortAddress=127.0.0.1
                admin.enableServer=false
                4lw.commands.whitelist=srvr
                """.formatted(directory.resolve("data"), port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("pyrons.zookeeper.classpath"),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("zookeeper.log").toFile()).start();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline && server.isAlive()) {
            if (mode(port).equals("standalone")) {
                return server;
            }
            Thread.sleep(200);
        }
        stop(server);
        throw new AssertionError("ZooKeeper did not serve on 127.0.0.1:" + port + " within 60 s:\n"
                + Files.readString(directory.resolve("zookeeper.log")));
    }

    /** The server's {@code srvr} Mode line, or "down". */
    private static String mode(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (String line : new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring(6).trim();
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "down";
        }
    }

    /** The process's output lines as they come, read by a daemon thread. */
    private static BlockingQueue<String> lines(InputStream output) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
            }
        }, "pyro4-client-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the Pyro4 client said nothing within 60 s");
        }
        return line;
    }

    /** Stops {@code process} by its PID: SIGTERM, then SIGKILL after 10 s. */
    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
