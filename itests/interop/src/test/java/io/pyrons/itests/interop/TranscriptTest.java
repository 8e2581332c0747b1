package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole name server API driven by a real Pyro4 client (src/test/python/ns_transcript.py): the
 * transcript pyrons produces must equal pyro4-ns's line by line, for each serializer Pyro4 accepts by
 * default and that pyro4-ns handles without its own bugs (marshal cannot carry pyro4-ns's
 * lookup(return_metadata=True) tuple or batch results, so it is left out).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscriptTest {

    private static final int MINIMUM_STEPS = 100;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private final RunningServers servers = new RunningServers();
    private final Map<String, List<String>> pyro4NsTranscripts = new ConcurrentHashMap<>();
    private Python python;

    @BeforeAll
    void locatePython() {
        python = Python.locate();
    }

    @AfterAll
    void stopServers() {
        servers.close();
    }

    @ParameterizedTest(name = "serializer {0}")
    @ValueSource(strings = {"serpent", "json"})
    void pyro4NsTranscriptIsComplete(String serializer) {
        List<String> lines = pyro4NsTranscript(serializer);
        assertTrue(lines.size() > MINIMUM_STEPS, "too few steps: " + lines.size());
        assertEquals("END", lines.get(lines.size() - 1));
        for (int i = 0; i < lines.size() - 1; i++) {
            assertTrue(lines.get(i).startsWith(String.format("%03d ", i + 1)), "unnumbered line: " + lines.get(i));
        }
    }

    @ParameterizedTest(name = "serializer {0}")
    @ValueSource(strings = {"serpent", "json"})
    void pyronsTranscriptEqualsPyro4Ns(String serializer) {
        List<String> expected = pyro4NsTranscript(serializer);
        List<String> actual = transcript(ServerKind.PYRONS, serializer);
        Transcripts.assertSameLines("transcript with " + serializer, expected, actual);
    }

    @Test
    void transcriptsDifferWhenTheServerStateDiffers() {
        // proves the comparison can fail: an extra registration must show in the transcript
        List<String> expected = pyro4NsTranscript("serpent");
        NameServerProcess server = NameServerProcess.start(ServerKind.PYRO4_NS);
        try (server) {
            var extra = python.runModule("Pyro4.nsc", List.of("-n", server.host(), "-p", Integer.toString(server.port()),
                    "register", "extra.name", "PYRO:extra@localhost:1"), null, SCRIPT_TIMEOUT);
            assertEquals(0, extra.exitCode(), extra.describe());
            List<String> actual = run(server, "serpent");
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> Transcripts.assertSameLines("deliberately different", expected, actual));
            assertTrue(failure.getMessage().contains("count initial"), failure.getMessage());
        }
    }

    private List<String> pyro4NsTranscript(String serializer) {
        return pyro4NsTranscripts.computeIfAbsent(serializer, s -> transcript(ServerKind.PYRO4_NS, s));
    }

    private List<String> transcript(ServerKind kind, String serializer) {
        return run(servers.get(kind), serializer);
    }

    private List<String> run(NameServerProcess server, String serializer) {
        ProcessResult result = python.run("ns_transcript.py",
                List.of(server.host(), Integer.toString(server.port())),
                Map.of("PYRO_SERIALIZER", serializer), SCRIPT_TIMEOUT);
        assertEquals(0, result.exitCode(), () -> result.describe() + "\n" + server.output());
        assertTrue(result.stdout().strip().endsWith("END"), () -> "transcript incomplete\n" + result.describe());
        return Transcripts.normalizePort(result.stdout(), server.port());
    }
}
