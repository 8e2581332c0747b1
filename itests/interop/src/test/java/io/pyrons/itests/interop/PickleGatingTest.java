package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pickle is not accepted by default (Pyro4's SERIALIZERS_ACCEPTED, pyrons's serializers.accepted): a Pyro4 client
 * with PYRO_SERIALIZER=pickle sees exactly what it sees against pyro4-ns (src/test/python/ns_serializer_gate.py).
 * The refused handshake prints nothing on either server; a pickle message after a serpent handshake is a protocol
 * error the server reports (pyro4-ns as a UserWarning on stderr). With pickle accepted the same client works.
 */
class PickleGatingTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(5);
    private static final String NOT_ACCEPTED = "message used serializer that is not accepted: 4";
    private static final String WARNING = "Pyro protocol error occurred: " + NOT_ACCEPTED;

    private final Python python = Python.locate();

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void pickleIsRefusedByDefault(ServerKind kind) {
        try (NameServerProcess server = NameServerProcess.start(kind)) {
            List<String> out = gate(server, "locate", "direct", "roundtrip");
            assertEquals(List.of(
                    "locate -> Pyro4.errors.NamingError: Failed to locate the nameserver",
                    "direct -> Pyro4.errors.CommunicationError: connection to ('127.0.0.1', PORT) rejected: " + NOT_ACCEPTED,
                    "roundtrip -> Pyro4.errors.NamingError: Failed to locate the nameserver",
                    "END"), out, server.output());
            assertEquals(0, count(server, WARNING), "a refused handshake is not a protocol error\n" + server.output());

            int outMark = server.stdoutLines().size();
            int errMark = server.stderrLines().size();
            List<String> switched = gate(server, "switch");
            assertEquals(List.of("switch -> Pyro4.errors.SerializeError: " + NOT_ACCEPTED
                    + " | Pyro4.errors.CommunicationError: connection to ('127.0.0.1', PORT) rejected: " + NOT_ACCEPTED
                    + " | count 1", "END"), switched, server.output());
            assertNotNull(server.awaitNewOutputLine(outMark, errMark, line -> line.contains(WARNING), LOG_TIMEOUT),
                    "no '" + WARNING + "' line\n" + server.output());
            assertTrue(server.isAlive());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void pickleWorksWhenAccepted(ServerKind kind) {
        try (NameServerProcess server = NameServerProcess.start(kind, SerializerTranscriptTest.ALL_ACCEPTED)) {
            List<String> out = gate(server, "locate", "direct", "switch", "roundtrip");
            assertEquals(List.of("locate -> located", "direct -> pong", "switch -> pong | pong | count 1",
                    "roundtrip -> PYRO:gate@localhost:4321 ['gate'] [('gate.name', 'PYRO:gate@localhost:4321')] 1",
                    "END"), out, server.output());
            assertEquals(0, count(server, "protocol error"), server.output());
        }
    }

    private List<String> gate(NameServerProcess server, String... steps) {
        var arguments = new java.util.ArrayList<>(List.of(server.host(), Integer.toString(server.port())));
        arguments.addAll(List.of(steps));
        ProcessResult result = python.run("ns_serializer_gate.py", arguments, Map.of("PYRO_SERIALIZER", "pickle"),
                SCRIPT_TIMEOUT);
        assertEquals(0, result.exitCode(), () -> result.describe() + "\n" + server.output());
        return Transcripts.normalizePort(result.stdout(), server.port());
    }

    private static long count(NameServerProcess server, String text) {
        return java.util.stream.Stream.concat(server.stdoutLines().stream(), server.stderrLines().stream())
                .filter(line -> line.contains(text)).count();
    }
}
