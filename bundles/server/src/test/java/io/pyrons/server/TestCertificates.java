package io.pyrons.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by the openssl command line for one test run, never committed: a CA, a server certificate
 * for localhost/127.0.0.1/::1 (Python checks the host name) with its key in several PEM forms, and a client
 * certificate, all signed by the CA; plus a second CA that signed nothing of ours.
 */
record TestCertificates(Path dir) {

    Path caCert() { return dir.resolve("ca.pem"); }
    Path otherCaCert() { return dir.resolve("other-ca.pem"); }
    Path serverCert() { return dir.resolve("server.pem"); }
    /** PKCS#8 "BEGIN PRIVATE KEY". */
    Path serverKey() { return dir.resolve("server-key.pem"); }
    /** PKCS#1 "BEGIN RSA PRIVATE KEY". */
    Path serverKeyPkcs1() { return dir.resolve("server-key-rsa.pem"); }
    /** PKCS#8 "BEGIN ENCRYPTED PRIVATE KEY", password {@value #KEY_PASSWORD}. */
    Path serverKeyEncrypted() { return dir.resolve("server-key-enc.pem"); }
    /** Certificate and key in one file. */
    Path serverCombined() { return dir.resolve("server-combined.pem"); }
    Path ecServerCert() { return dir.resolve("ec-server.pem"); }
    /** SEC1 "BEGIN EC PRIVATE KEY". */
    Path ecServerKey() { return dir.resolve("ec-server-key.pem"); }
    Path clientCert() { return dir.resolve("client.pem"); }
    Path clientKey() { return dir.resolve("client-key.pem"); }

    static final String KEY_PASSWORD = "s3cret";

    static TestCertificates generate(Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl command");
        var c = new TestCertificates(dir);
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\n");
        Files.writeString(dir.resolve("client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        for (String ca : List.of("ca", "other-ca")) {
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=pyrons test " + ca,
                    "-keyout", ca + "-key.pem", "-out", ca + ".pem");
        }
        openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "server-key.pem");
        signed(dir, "server", "server-key.pem", "/CN=localhost", "server.ext");
        openssl(dir, "pkey", "-in", "server-key.pem", "-traditional", "-out", "server-key-rsa.pem");
        openssl(dir, "pkcs8", "-topk8", "-v2", "aes256", "-in", "server-key.pem", "-passout", "pass:" + KEY_PASSWORD,
                "-out", "server-key-enc.pem");
        Files.writeString(c.serverCombined(), Files.readString(c.serverCert()) + Files.readString(c.serverKey()));
        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec-server-key.pem");
        signed(dir, "ec-server", "ec-server-key.pem", "/CN=localhost", "server.ext");
        openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "client-key.pem");
        signed(dir, "client", "client-key.pem", "/CN=pyrons test client", "client.ext");
        return c;
    }

    private static void signed(Path dir, String name, String key, String subject, String ext)
            throws IOException, InterruptedException {
        openssl(dir, "req", "-new", "-key", key, "-subj", subject, "-out", name + ".csr");
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-extfile", ext, "-out", name + ".pem");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("openssl did not finish: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("openssl failed: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
