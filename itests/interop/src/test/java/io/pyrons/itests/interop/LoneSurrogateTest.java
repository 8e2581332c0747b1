package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: a name (and metadata) holding a lone surrogate, U+D800, registered and read back by a real Pyro4
 * client (src/test/python/ns_surrogate.py) in marshal (which carries it as surrogatepass UTF-8), in json as
 * Pyro4 writes it (the client itself cannot encode it), and in json as other clients write it (the escape
 * {@code \ud800}). pyrons must keep exactly what pyro4-ns keeps: where pyro4-ns answers a step with a value,
 * pyrons answers the same value; where pyro4-ns fails (its json cannot encode the answer), pyrons fails too or
 * answers with the surrogate kept (Python reads the {@code \ud800} escape back) — never with something else (a name
 * with the surrogate silently replaced by {@code ?} is another name).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoneSurrogateTest {
    private static final Map<String, String> ALL_SERIALIZERS = Map.of("PYRO_SERIALIZERS_ACCEPTED", "serpent,json,marshal");
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");

    private final Python python = Python.locate();
    private final List<ConfiguredNameServer> servers = new ArrayList<>();

    @AfterAll
    void stop() {
        servers.forEach(ConfiguredNameServer::close);
    }

    private List<String> transcript(ServerKind kind, String serializer) {
        ConfiguredNameServer server = ConfiguredNameServer.start(kind, List.of("-n", "127.0.0.1", "-p", "0"), ALL_SERIALIZERS, URI_LINE);
        servers.add(server);
        String port = server.readyGroup(1);
        ProcessResult result = python.run("ns_surrogate.py", List.of("127.0.0.1", port, serializer), Map.of(), Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.describe());
        return result.stdout().strip().lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"marshal", "json", "json-ascii", "serpent"})
    @Timeout(180)
    void pyronsKeepsWhatPyro4NsKeeps(String serializer) {
        List<String> oracle = transcript(ServerKind.PYRO4_NS, serializer);
        List<String> pyrons = transcript(ServerKind.PYRONS, serializer);
        assertEquals(oracle.size(), pyrons.size(), "steps\npyro4-ns:\n" + String.join("\n", oracle) + "\npyrons:\n" + String.join("\n", pyrons));
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < oracle.size(); i++) {
            String expected = oracle.get(i);
            String actual = pyrons.get(i);
            boolean same = expected.contains(" !! ")
                    ? actual.contains(" !! ") || (actual.contains("\\ud800") && !actual.contains("?"))
                    : expected.equals(actual);
            if (!same) {
                differences.add("pyro4-ns: " + expected + "\n  pyrons: " + actual);
            }
        }
        assertTrue(differences.isEmpty(), serializer + ": where pyro4-ns keeps the name pyrons must too, where it fails pyrons must fail or keep the name\n"
                + String.join("\n", differences));
    }
}
