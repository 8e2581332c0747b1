package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, out of file descriptors: pyrons started under {@code prlimit --nofile=64:64} (it needs about 45 of
 * them itself), then 100 connections, so that accept() fails with EMFILE while clients keep waiting in the
 * backlog. The server must not spin on the listening socket: its CPU use over 2 s stays under 20 % of a core and
 * "Too many open files" is logged a few times, not thousands. Once the connections are closed, a fresh real
 * Pyro4 client is served again.
 */
class DescriptorExhaustionTest {
    private static final int CONNECTIONS = 100;
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/PID/stat on Linux
    private static final double MAX_CPU_SHARE = 0.20;
    private static final int MAX_LOG_LINES = 5;

    private final Python python = Python.locate();

    @Test
    @Timeout(300)
    void acceptFailingForLackOfDescriptorsNeitherSpinsNorFloodsTheLog() throws Exception {
        try (LimitedNameServer server = LimitedNameServer.start(List.of("prlimit", "--nofile=64:64", "--"), List.of(), Map.of())) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket();
                    sockets.add(s);
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000); // the backlog takes what accept() cannot
                }
                Thread.sleep(1000);
                int descriptors = server.openDescriptors();
                long logBefore = tooManyOpenFiles(server);
                long ticksBefore = server.cpuTicks();
                long start = System.nanoTime();
                Thread.sleep(2000);
                long ticks = server.cpuTicks() - ticksBefore;
                double seconds = (System.nanoTime() - start) / 1e9;
                long logged = tooManyOpenFiles(server);
                double share = ticks / (double) CLOCK_TICKS_PER_SECOND / seconds;
                String facts = "with " + descriptors + " of 64 descriptors open: CPU " + Math.round(share * 100) + " % of a core over "
                        + Math.round(seconds * 10) / 10.0 + " s, 'Too many open files' logged " + logged + " times ("
                        + (logged - logBefore) + " of them in those 2 s)";
                assertTrue(logged >= 1, "accept() never failed, the test did not exhaust the descriptors: " + facts + "\n" + server.output(20));
                assertTrue(share < MAX_CPU_SHARE, "the server spins while it cannot accept: " + facts + "\n" + server.output(20));
                assertTrue(logged <= MAX_LOG_LINES, "the server floods its log while it cannot accept: " + facts + "\n" + server.output(20));
            } finally {
                for (Socket s : sockets) {
                    closeQuietly(s);
                }
            }
            Thread.sleep(1000);
            FreshClient fresh = FreshClient.run(python, server.port(), Duration.ofSeconds(5), true);
            assertTrue(fresh.answeredWithin(Duration.ofSeconds(2)),
                    "after the connections were closed a fresh Pyro4 client got " + fresh + "\n" + server.output(20));
        }
    }

    private static long tooManyOpenFiles(LimitedNameServer server) {
        return server.stderrLines().stream().filter(l -> l.contains("Too many open files")).count()
                + server.stdoutLines().stream().filter(l -> l.contains("Too many open files")).count();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
