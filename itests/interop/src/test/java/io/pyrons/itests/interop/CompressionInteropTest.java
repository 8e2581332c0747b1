package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zlib compression (Pyro4's COMPRESSION, FLAGS_COMPRESSED) with a large payload: 200 names with long metadata
 * registered, listed and removed by a Pyro4 client with PYRO_COMPRESSION=true (src/test/python/ns_compression.py),
 * with every serializer; pyrons must answer exactly as pyro4-ns. A server compresses its own replies only when its
 * own COMPRESSION is on, which the last test checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionInteropTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final String NAMES = "200";

    private final Python python = Python.locate();
    private final Map<ServerKind, NameServerProcess> servers = new EnumMap<>(ServerKind.class);

    @AfterAll
    void stop() {
        servers.values().forEach(NameServerProcess::close);
    }

    @ParameterizedTest(name = "serializer {0}")
    @ValueSource(strings = {"serpent", "json", "marshal", "pickle"})
    void compressedRequestsAreAnsweredAsByPyro4Ns(String serializer) {
        List<String> expected = run(server(ServerKind.PYRO4_NS), serializer);
        List<String> actual = run(server(ServerKind.PYRONS), serializer);
        assertTrue(expected.contains("answers as registered True"), String.join("\n", expected));
        assertTrue(expected.contains("compressed sent True"), String.join("\n", expected));
        assertTrue(expected.contains("canonical size over 100k True"), String.join("\n", expected));
        Transcripts.assertSameLines("compression with " + serializer, expected, actual);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void serverWithCompressionCompressesItsReplies(ServerKind kind) {
        var environment = new HashMap<>(SerializerTranscriptTest.ALL_ACCEPTED);
        environment.put("PYRO_COMPRESSION", "true");
        try (NameServerProcess server = NameServerProcess.start(kind, environment)) {
            List<String> out = run(server, "serpent");
            assertTrue(out.contains("answers as registered True"), String.join("\n", out));
            assertEquals("compressed received True", out.get(out.size() - 2), String.join("\n", out));
        }
    }

    private List<String> run(NameServerProcess server, String serializer) {
        var environment = new HashMap<>(SerializerTranscriptTest.ALL_ACCEPTED);
        environment.put("PYRO_SERIALIZER", serializer);
        environment.put("PYRO_COMPRESSION", "true");
        ProcessResult result = python.run("ns_compression.py",
                List.of(server.host(), Integer.toString(server.port()), NAMES), environment, SCRIPT_TIMEOUT);
        assertEquals(0, result.exitCode(), () -> result.describe() + "\n" + server.output());
        assertTrue(result.stdout().strip().endsWith("END"), () -> "incomplete\n" + result.describe());
        return Transcripts.normalizePort(result.stdout(), server.port());
    }

    private NameServerProcess server(ServerKind kind) {
        NameServerProcess server = servers.computeIfAbsent(kind,
                k -> NameServerProcess.start(k, SerializerTranscriptTest.ALL_ACCEPTED));
        assertTrue(server.isAlive(), () -> kind + " died\n" + server.output());
        return server;
    }
}
