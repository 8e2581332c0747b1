package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HMAC (-k KEY or PYRO_HMAC_KEY): real Pyro4 clients with the right, a wrong and no key, through locateNS, a
 * direct proxy, PYRONAME resolution and pyro4-nsc; refused clients never stop the server serving the others.
 */
class HmacInteropTest {
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");
    private static final String REFUSED = "CommunicationError: cannot connect to ('127.0.0.1', PORT): ";
    private final Python python = Python.locate();

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void onlyClientsWithTheKeyAreServed(ServerKind kind) {
        try (NameServerProcess server = NameServerProcess.start(kind, "-k", "secret")) {
            String out = OptionsClient.run(python, "127.0.0.1:" + server.port(), server.port(), Map.of(),
                    "key=secret", "locate", "roundtrip", "pyroname",
                    "key=wrong", "locate", "direct", "pyroname",
                    "key=", "direct", "pyroname",
                    "key=secret", "locate", "ping");
            assertEquals("[[\"locate\", \"located\"], [\"roundtrip\", \"PYRO:obj@localhost:4567\"], [\"pyroname\", \"pong\"], "
                    + "[\"locate\", \"NamingError: Failed to locate the nameserver\"], "
                    + "[\"direct\", \"" + REFUSED + "message hmac mismatch\"], "
                    + "[\"pyroname\", \"NamingError: Failed to locate the nameserver\"], "
                    + "[\"direct\", \"" + REFUSED + "hmac key config not symmetric\"], "
                    + "[\"pyroname\", \"NamingError: Failed to locate the nameserver\"], "
                    + "[\"locate\", \"located\"], [\"ping\", \"pong\"]]", out, server.output());
            ProcessResult nsc = python.runModule("Pyro4.nsc",
                    List.of("-n", "127.0.0.1", "-p", String.valueOf(server.port()), "-k", "secret", "list"), null, Duration.ofSeconds(30));
            assertTrue(nsc.stdout().contains("Pyro.NameServer --> PYRO:Pyro.NameServer@127.0.0.1:" + server.port()), nsc.describe());
            ProcessResult wrong = python.runModule("Pyro4.nsc",
                    List.of("-n", "127.0.0.1", "-p", String.valueOf(server.port()), "-k", "wrong", "list"), null, Duration.ofSeconds(30));
            assertTrue(wrong.stdout().contains("Error: Failed to locate the nameserver"), wrong.describe());
            assertTrue(server.isAlive());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void keyFromTheEnvironment(ServerKind kind) {
        try (ConfiguredNameServer server = ConfiguredNameServer.start(kind, List.of("-n", "127.0.0.1", "-p", "0"),
                Map.of("PYRO_HMAC_KEY", "from-env"), URI_LINE)) {
            int port = Integer.parseInt(server.readyGroup(1));
            String out = OptionsClient.run(python, "127.0.0.1:" + port, port, Map.of(),
                    "key=from-env", "locate", "roundtrip", "key=", "direct");
            assertEquals("[[\"locate\", \"located\"], [\"roundtrip\", \"PYRO:obj@localhost:4567\"], "
                    + "[\"direct\", \"" + REFUSED + "hmac key config not symmetric\"]]", out, server.output());
            ProcessResult nsc = Commands.run(List.of(python.interpreter(), "-m", "Pyro4.nsc", "-n", "127.0.0.1", "-p",
                    String.valueOf(port), "ping"), Map.of("PYRO_HMAC_KEY", "from-env"), null, Duration.ofSeconds(30));
            assertTrue(nsc.stdout().contains("Name server ping ok."), nsc.describe());
        }
    }
}
