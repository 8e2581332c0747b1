package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PYRO_SSL: the server started with PYRO_SSL, PYRO_SSL_SERVERCERT, PYRO_SSL_SERVERKEY (and PYRO_SSL_CACERTS +
 * PYRO_SSL_REQUIRECLIENTCERT for two-way TLS), driven by real Pyro4 clients with PYRO_SSL and PYRO_SSL_CACERTS.
 * The certificates are made by openssl for this run (server: DNS:localhost, IP:127.0.0.1, as Python checks).
 */
class TlsInteropTest {
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)$");
    @TempDir
    static Path dir;
    private final Python python = Python.locate();

    @BeforeAll
    static void certificates() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl command");
        write("server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\n");
        write("client.ext", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=itest ca",
                "-keyout", "ca-key.pem", "-out", "ca.pem");
        for (String name : List.of("server", "client")) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + "-key.pem");
            openssl("req", "-new", "-key", name + "-key.pem", "-subj", "/CN=" + (name.equals("server") ? "localhost" : "client"),
                    "-out", name + ".csr");
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                    "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
        }
    }

    private static Map<String, String> serverEnvironment(boolean twoWay) {
        var env = new HashMap<String, String>(Map.of("PYRO_SSL", "true",
                "PYRO_SSL_SERVERCERT", dir.resolve("server.pem").toString(),
                "PYRO_SSL_SERVERKEY", dir.resolve("server-key.pem").toString()));
        if (twoWay) {
            env.put("PYRO_SSL_CACERTS", dir.resolve("ca.pem").toString());
            env.put("PYRO_SSL_REQUIRECLIENTCERT", "true");
        }
        return env;
    }

    private static Map<String, String> clientEnvironment(boolean withCert) {
        var env = new HashMap<String, String>(Map.of("PYRO_SSL", "true", "PYRO_SSL_CACERTS", dir.resolve("ca.pem").toString()));
        if (withCert) {
            env.put("PYRO_SSL_CLIENTCERT", dir.resolve("client.pem").toString());
            env.put("PYRO_SSL_CLIENTKEY", dir.resolve("client-key.pem").toString());
        }
        return env;
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void pyro4ClientsOverTls(ServerKind kind) {
        try (ConfiguredNameServer server = ConfiguredNameServer.start(kind, List.of("-n", "127.0.0.1", "-p", "0"),
                serverEnvironment(false), URI_LINE)) {
            int port = Integer.parseInt(server.readyGroup(1));
            String out = OptionsClient.run(python, "127.0.0.1:" + port, port, clientEnvironment(false),
                    "locate", "roundtrip", "pyroname", "big=20000", "ping");
            assertEquals("[[\"locate\", \"located\"], [\"roundtrip\", \"PYRO:obj@localhost:4567\"], [\"pyroname\", \"pong\"], "
                    + "[\"big=20000\", \"NamingError: unknown name: " + "x".repeat(20000) + "\"], [\"ping\", \"pong\"]]",
                    out, server.output());
            String plain = OptionsClient.run(python, "127.0.0.1:" + port, port, Map.of(), "direct");
            assertTrue(plain.startsWith("[[\"direct\", \"") && !plain.contains("pong"), plain);
            ProcessResult nsc = Commands.run(List.of(python.interpreter(), "-m", "Pyro4.nsc", "-n", "127.0.0.1", "-p",
                    String.valueOf(port), "ping"), clientEnvironment(false), null, Duration.ofSeconds(30));
            assertTrue(nsc.stdout().contains("Name server ping ok."), nsc.describe());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void twoWayTlsNeedsAClientCertificate(ServerKind kind) {
        try (ConfiguredNameServer server = ConfiguredNameServer.start(kind, List.of("-n", "127.0.0.1", "-p", "0"),
                serverEnvironment(true), URI_LINE)) {
            int port = Integer.parseInt(server.readyGroup(1));
            String anonymous = OptionsClient.run(python, "127.0.0.1:" + port, port, clientEnvironment(false), "direct");
            assertTrue(anonymous.startsWith("[[\"direct\", \"") && !anonymous.contains("pong"), anonymous);
            String out = OptionsClient.run(python, "127.0.0.1:" + port, port, clientEnvironment(true), "locate", "roundtrip");
            assertEquals("[[\"locate\", \"located\"], [\"roundtrip\", \"PYRO:obj@localhost:4567\"]]", out, server.output());
        }
    }

    private static void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void openssl(String... args) {
        var command = new ArrayList<String>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                throw new AssertionError("openssl did not finish: " + command);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("openssl failed: " + command + "\n" + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
