package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input on one connection closes that connection only, with a log line, while a real Pyro4
 * client on another connection keeps being served. Cases where pyro4-ns itself does not close the
 * connection (an oversized length: pyro4-ns has no size limit and waits for the 2 GB) run against
 * pyrons only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern LOG_LINE = Pattern.compile(
            "(?i).*(protocol|handshake|checksum|version|invalid|too large|exceed|size|closed|disconnect|truncat|malformed|garbage).*");

    /** A malformed byte sequence; {@code afterHandshake} sends a real Pyro4 CONNECT first. */
    private record BadInput(String name, boolean afterHandshake, byte[] bytes, boolean halfClose,
                            Set<ServerKind> servers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final RunningServers servers = new RunningServers();
    private Python python;
    private byte[] connectMessage;
    private Path workDirectory;

    @BeforeAll
    void prepare() throws IOException {
        python = Python.locate();
        ProcessResult connect = python.run("connect_message.py", List.of("serpent"), Map.of(), Duration.ofSeconds(30));
        assertEquals(0, connect.exitCode(), connect.describe());
        connectMessage = HexFormat.of().parseHex(connect.stdout().strip());
        workDirectory = Files.createTempDirectory("pyrons-badinput");
    }

    @AfterAll
    void stopServers() throws IOException {
        servers.close();
        try (Stream<Path> files = Files.list(workDirectory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(workDirectory);
    }

    static Stream<Arguments> cases() {
        Set<ServerKind> both = Set.of(ServerKind.PYRO4_NS, ServerKind.PYRONS);
        Set<ServerKind> pyronsOnly = Set.of(ServerKind.PYRONS);
        byte[] garbage = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int v = PyroWire.PROTOCOL_VERSION;
        byte[] wrongChecksum = PyroWire.concat(
                PyroWire.header(v, PyroWire.MSG_CONNECT, 0, 1, 4, PyroWire.SERPENT, 0, 0x1234), new byte[4]);
        byte[] wrongVersion = PyroWire.concat(
                PyroWire.header(47, PyroWire.MSG_CONNECT, 0, 1, 4, PyroWire.SERPENT, 0), new byte[4]);
        byte[] oversized = PyroWire.header(v, PyroWire.MSG_CONNECT, 0, 1, Integer.MAX_VALUE, PyroWire.SERPENT, 0);
        byte[] oversizedInvoke = PyroWire.header(v, PyroWire.MSG_INVOKE, 0, 2, Integer.MAX_VALUE, PyroWire.SERPENT, 0);
        byte[] truncated = PyroWire.concat(
                PyroWire.header(v, PyroWire.MSG_CONNECT, 0, 1, 100, PyroWire.SERPENT, 0), new byte[10]);
        byte[] truncatedInvoke = PyroWire.concat(
                PyroWire.header(v, PyroWire.MSG_INVOKE, 0, 2, 100, PyroWire.SERPENT, 0), new byte[10]);
        var all = List.of(
                new BadInput("garbage bytes", false, garbage, false, both),
                new BadInput("wrong header checksum", false, wrongChecksum, false, both),
                new BadInput("wrong protocol version", false, wrongVersion, false, both),
                new BadInput("truncated message", false, truncated, true, both),
                new BadInput("oversized length field", false, oversized, false, pyronsOnly),
                new BadInput("garbage after handshake", true, garbage, false, both),
                new BadInput("wrong checksum after handshake", true, wrongChecksum, false, both),
                new BadInput("truncated message after handshake", true, truncatedInvoke, true, both),
                new BadInput("oversized length after handshake", true, oversizedInvoke, false, pyronsOnly));
        var arguments = new ArrayList<Arguments>();
        for (BadInput input : all) {
            for (ServerKind kind : input.servers()) {
                arguments.add(Arguments.of(kind, input));
            }
        }
        arguments.sort((a, b) -> a.get()[0].toString().compareTo(b.get()[0].toString()));
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void closesOnlyThatConnection(ServerKind kind, BadInput input) throws Exception {
        NameServerProcess server = servers.get(kind);
        Path stopFile = workDirectory.resolve(kind + "-" + input.name().replace(' ', '-') + ".stop");
        Path pingerOut = workDirectory.resolve(stopFile.getFileName() + ".out");
        Path pingerErr = workDirectory.resolve(stopFile.getFileName() + ".err");
        Process pinger = python.start("pinger.py",
                List.of(server.host(), Integer.toString(server.port()), stopFile.toString(), "30"), pingerOut, pingerErr);
        try {
            awaitLine(pingerOut, "bound", pinger, pingerErr);
            int stdoutMark = server.stdoutLines().size();
            int stderrMark = server.stderrLines().size();

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
                socket.setSoTimeout(5_000);
                if (input.afterHandshake()) {
                    socket.getOutputStream().write(connectMessage);
                    assertEquals(PyroWire.MSG_CONNECTOK, PyroWire.readMessageType(socket), "handshake refused");
                }
                socket.getOutputStream().write(input.bytes());
                socket.getOutputStream().flush();
                if (input.halfClose()) {
                    socket.shutdownOutput();
                }
                assertTrue(PyroWire.closedWithin(socket, CLOSE_TIMEOUT),
                        kind + " kept the connection open after " + input + "\n" + server.output());
            }

            String logLine = server.awaitNewOutputLine(stdoutMark, stderrMark,
                    line -> LOG_LINE.matcher(line).matches(), LOG_TIMEOUT);
            assertNotNull(logLine, kind + " logged nothing about " + input + "\n" + server.output());

            Files.writeString(stopFile, "stop");
            assertTrue(pinger.waitFor(30, TimeUnit.SECONDS), "pinger did not stop");
            String pingerOutput = Files.readString(pingerOut) + Files.readString(pingerErr);
            assertEquals(0, pinger.exitValue(), "the concurrent client was disturbed:\n" + pingerOutput);
            assertTrue(pingerOutput.contains("rounds "), pingerOutput);
            assertTrue(server.isAlive(), server.output());
        } finally {
            pinger.destroy();
            if (!pinger.waitFor(5, TimeUnit.SECONDS)) {
                pinger.destroyForcibly();
            }
        }
    }

    private static void awaitLine(Path file, String wanted, Process process, Path errors) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readAllLines(file).contains(wanted)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("client never printed '" + wanted + "'\n" + Files.readString(file)
                + Files.readString(errors));
    }
}
