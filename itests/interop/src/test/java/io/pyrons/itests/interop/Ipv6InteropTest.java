package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** -n ::1: the name server on the IPv6 loopback, found by Pyro4.locateNS('::1', port). */
class Ipv6InteropTest {
    private final Python python = Python.locate();

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void pyro4ClientsOverIpv6(ServerKind kind) {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
        // NameServerProcess puts -n 127.0.0.1 first; the later -n wins, as with optparse
        try (NameServerProcess server = NameServerProcess.start(kind, "-n", "::1")) {
            assertEquals("[::1]", server.host(), server.output());
            String out = OptionsClient.run(python, "[::1]:" + server.port(), server.port(), Map.of(),
                    "locate", "roundtrip", "nsuri", "pyroname");
            assertEquals("[[\"locate\", \"located\"], [\"roundtrip\", \"PYRO:obj@localhost:4567\"], "
                    + "[\"nsuri\", \"PYRO:Pyro.NameServer@[::1]:PORT\"], [\"pyroname\", \"pong\"]]", out, server.output());
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
