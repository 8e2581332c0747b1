package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** --nathost/--natport: the server binds 127.0.0.1 but hands out the external address, as pyro4-ns does. */
class NatInteropTest {
    private final Python python = Python.locate();

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void urisCarryTheExternalAddress(ServerKind kind) {
        try (ConfiguredNameServer server = ConfiguredNameServer.start(kind,
                List.of("-n", "127.0.0.1", "-p", "0", "--nathost", "nat.example.invalid", "--natport", "5555"), Map.of(),
                Pattern.compile("^internal URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$"))) {
            int port = Integer.parseInt(server.readyGroup(1));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!server.stdoutLines().contains("external URI = PYRO:Pyro.NameServer@nat.example.invalid:5555")
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(server.stdoutLines().contains("external URI = PYRO:Pyro.NameServer@nat.example.invalid:5555"),
                    server.output());
            String out = OptionsClient.run(python, "127.0.0.1:" + port, port, Map.of(), "locate", "nsuri", "direct", "pyroname");
            assertTrue(out.startsWith("[[\"locate\", \"located\"], [\"nsuri\", \"PYRO:Pyro.NameServer@nat.example.invalid:5555\"], "
                    + "[\"direct\", \"pong\"], [\"pyroname\", \"CommunicationError: cannot connect to ('nat.example.invalid', 5555): "),
                    out + "\n" + server.output());
        }
    }
}
