package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pyrons.serializer.serpent.SerpentSerializer;

/** TLS with Pyro4's PEM files, against real Pyro4 clients with PYRO_SSL settings; certificates made per run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.generate(dir);
    }

    @Test
    void everyKeyFormReadsAsTheSameKey() throws IOException {
        PrivateKey pkcs8 = PemFiles.privateKey(certs.serverKey(), new char[0]);
        assertEquals("RSA", pkcs8.getAlgorithm());
        assertArrayEquals(pkcs8.getEncoded(), PemFiles.privateKey(certs.serverKeyPkcs1(), new char[0]).getEncoded());
        assertArrayEquals(pkcs8.getEncoded(),
                PemFiles.privateKey(certs.serverKeyEncrypted(), TestCertificates.KEY_PASSWORD.toCharArray()).getEncoded());
        assertArrayEquals(pkcs8.getEncoded(), PemFiles.privateKey(certs.serverCombined(), new char[0]).getEncoded());
        assertEquals("EC", PemFiles.privateKey(certs.ecServerKey(), new char[0]).getAlgorithm());
        assertEquals(1, PemFiles.certificates(certs.serverCert()).size());
    }

    @Test
    void badKeyFilesAreClearErrors() {
        var wrong = assertThrows(IOException.class,
                () -> PemFiles.privateKey(certs.serverKeyEncrypted(), "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains("wrong ssl.serverkeypasswd"), wrong.getMessage());
        var none = assertThrows(IOException.class, () -> PemFiles.privateKey(certs.serverKeyEncrypted(), new char[0]));
        assertTrue(none.getMessage().contains("is encrypted"), none.getMessage());
        var missing = assertThrows(IOException.class, () -> TlsContexts.create(
                new TlsSettings(true, dir.resolve("absent.pem").toString(), "", "", "", false)));
        assertTrue(missing.getMessage().contains("server cert file not found"), missing.getMessage());
        var noKey = assertThrows(IOException.class, () -> TlsContexts.create(
                new TlsSettings(true, certs.serverCert().toString(), certs.caCert().toString(), "", "", false)));
        assertTrue(noKey.getMessage().contains("no private key"), noKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(true, "", "", "", "", false));
        assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(true, certs.serverCert().toString(), "", "", "", true));
    }

    @Test
    void pyro4ClientOverTls() throws Exception {
        try (Daemon daemon = tlsDaemon(new TlsSettings(true, certs.serverCert().toString(),
                certs.serverKey().toString(), "", "", false))) {
            String uri = daemonUri(daemon);
            String out = Pyro4Steps.run(uri, trusting(certs.caCert()), "ping", "calc", "big=200000", "info", "ping");
            assertTrue(out.startsWith("[[\"ping\", \"pong\"], [\"calc\", 42], [\"big=200000\", \"DaemonError: unknown object\"], "
                    + "[\"info\", \"Pyro.Daemon bound on 127.0.0.1:"), out);
            assertTrue(out.contains("[\"ping\", \"pong\"]]"), out);
        }
    }

    @Test
    void plainClientsAndUntrustingClientsAreRefusedWhileOthersAreServed() throws Exception {
        try (Daemon daemon = tlsDaemon(new TlsSettings(true, certs.serverCombined().toString(), "", "", "", false))) {
            String uri = daemonUri(daemon);
            String plain = Pyro4Steps.run(uri, Map.of(), "ping");
            assertTrue(plain.contains("[\"ping\", \"ConnectionClosedError") || plain.contains("[\"ping\", \"CommunicationError"), plain);
            String untrusting = Pyro4Steps.run(uri, trusting(certs.otherCaCert()), "ping");
            assertTrue(untrusting.contains("CERTIFICATE_VERIFY_FAILED"), untrusting);
            assertEquals("[[\"ping\", \"pong\"]]", Pyro4Steps.run(uri, trusting(certs.caCert()), "ping").strip());
        }
    }

    @Test
    void encryptedAndEcKeysServe() throws Exception {
        try (Daemon daemon = tlsDaemon(new TlsSettings(true, certs.serverCert().toString(),
                certs.serverKeyEncrypted().toString(), TestCertificates.KEY_PASSWORD, "", false))) {
            assertEquals("[[\"calc\", 42]]", Pyro4Steps.run(daemonUri(daemon), trusting(certs.caCert()), "calc").strip());
        }
        try (Daemon daemon = tlsDaemon(new TlsSettings(true, certs.ecServerCert().toString(),
                certs.ecServerKey().toString(), "", "", false))) {
            assertEquals("[[\"calc\", 42]]", Pyro4Steps.run(daemonUri(daemon), trusting(certs.caCert()), "calc").strip());
        }
    }

    @Test
    void twoWayTlsNeedsAClientCertificateFromTheCa() throws Exception {
        try (Daemon daemon = tlsDaemon(new TlsSettings(true, certs.serverCert().toString(),
                certs.serverKeyPkcs1().toString(), "", certs.caCert().toString(), true))) {
            String uri = daemonUri(daemon);
            String anonymous = Pyro4Steps.run(uri, trusting(certs.caCert()), "ping");
            assertTrue(anonymous.startsWith("[[\"ping\", \"") && !anonymous.contains("pong"), anonymous);
            Map<String, String> withCert = new HashMap<>(trusting(certs.caCert()));
            withCert.put("PYRO_SSL_CLIENTCERT", certs.clientCert().toString());
            withCert.put("PYRO_SSL_CLIENTKEY", certs.clientKey().toString());
            assertEquals("[[\"ping\", \"pong\"], [\"calc\", 42]]", Pyro4Steps.run(uri, withCert, "ping", "calc").strip());
        }
    }

    private static Map<String, String> trusting(Path ca) {
        return Map.of("PYRO_SSL", "true", "PYRO_SSL_CACERTS", ca.toString());
    }

    private static Daemon tlsDaemon(TlsSettings tls) throws IOException {
        Daemon daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0).withTls(tls));
        daemon.addSerializer(new SerpentSerializer());
        daemon.addObject("calc", new Calculator());
        daemon.start();
        return daemon;
    }

    static String daemonUri(Daemon daemon) {
        return "PYRO:Pyro.Daemon@127.0.0.1:" + ((InetSocketAddress) daemon.boundAddress()).getPort();
    }
}
