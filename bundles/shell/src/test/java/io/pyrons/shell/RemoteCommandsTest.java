package io.pyrons.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pyrons.serializer.serpent.SerpentSerializer;

/**
 * {@code --host/--port}: the commands against a real Pyro4 4.82 name server ({@code /usr/bin/python3 -m
 * Pyro4.naming}) on 127.0.0.1, started here and stopped by its PID.
 */
class RemoteCommandsTest {
    static Process pyro4ns;
    static int port;

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final NameServerCommands commands =
            new NameServerCommands(() -> new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void startPyro4NameServer() throws Exception {
        if (!new File("/usr/bin/python3").canExecute()) {
            throw new IllegalStateException("/usr/bin/python3 with Pyro4 is needed (apt-get install python3-pyro4)");
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        pyro4ns = new ProcessBuilder("/usr/bin/python3", "-m", "Pyro4.naming", "-n", "127.0.0.1", "-p",
                String.valueOf(port), "-x").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!pyro4ns.isAlive()) {
                throw new IllegalStateException("pyro4 name server exited with " + pyro4ns.exitValue()
                        + " (is python3-pyro4 installed?)");
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pyro4 name server did not listen on 127.0.0.1:" + port + " within 20 s");
    }

    @AfterAll
    static void stopPyro4NameServer() throws Exception {
        if (pyro4ns != null) {
            ProcessHandle.of(pyro4ns.pid()).ifPresent(ProcessHandle::destroy);
            if (!pyro4ns.waitFor(10, TimeUnit.SECONDS)) {
                pyro4ns.destroyForcibly();
            }
        }
    }

    String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void registerListLookupRemoveOverTheWire() {
        commands.serializers = List.of(new SerpentSerializer());
        commands.register("127.0.0.1", port, "", "shell.test", "PYRO:thing@127.0.0.1:4444");
        commands.setmeta("127.0.0.1", port, "", "shell.test", "red", "round");
        commands.list("127.0.0.1", port, "", "shell.");
        commands.yplookup("127.0.0.1", port, "", "all", "red");
        commands.remove("127.0.0.1", port, "", "shell.test");
        commands.ping("127.0.0.1", port, "");
        assertEquals("""
                Registered shell.test
                Metadata of shell.test set to red,round
                NAME        URI                        METADATA
                shell.test  PYRO:thing@127.0.0.1:4444  red,round
                1 registration
                NAME        URI                        METADATA
                shell.test  PYRO:thing@127.0.0.1:4444  red,round
                1 registration
                Removed shell.test
                Name server ping ok.
                """, output());
    }

    @Test
    void remoteStatusShowsWhatTheWireTells() {
        commands.serializers = List.of(new SerpentSerializer());
        commands.status("127.0.0.1", port, "");
        String out = output();
        assertTrue(out.startsWith("listening on:    127.0.0.1:" + port + "\n"
                + "name server:     PYRO:Pyro.NameServer@127.0.0.1:" + port + "\n"), out);
        assertTrue(out.contains("objects served:  Pyro.Daemon, Pyro.NameServer\n") && out.contains("names:           "), out);
    }
}
