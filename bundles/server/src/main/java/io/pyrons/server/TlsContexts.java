package io.pyrons.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the server's TLS context from Pyro4-style PEM files, into in-memory key stores (nothing is written
 * to disk), and makes one {@link SSLEngine} per accepted connection with Pyro4's client-certificate policy:
 * required when {@code requireClientCert}, otherwise not even asked for (Python's {@code CERT_NONE}).
 */
final class TlsContexts {
    private static final char[] STORE_PASSWORD = "pyrons".toCharArray();

    private final SSLContext context;
    private final boolean requireClientCert;

    private TlsContexts(SSLContext context, boolean requireClientCert) {
        this.context = context;
        this.requireClientCert = requireClientCert;
    }

    /** Reads the files; an unreadable or inconsistent file is an IOException that names it. */
    static TlsContexts create(TlsSettings settings) throws IOException {
        Path certFile = existing(settings.serverCert(), "server cert");
        Path keyFile = settings.serverKey().isEmpty() ? certFile : existing(settings.serverKey(), "server key");
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        if (chain.isEmpty()) {
            throw new IOException("no certificate in " + certFile);
        }
        PrivateKey key = PemFiles.privateKey(keyFile, settings.serverKeyPassword().toCharArray());
        if (key == null) {
            throw new IOException("no private key in " + keyFile);
        }
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD);
            TrustManagerFactory tmf = null;
            if (!settings.caCerts().isEmpty()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore(existing(settings.caCerts(), "CA certs")));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return new TlsContexts(context, settings.requireClientCert());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with " + settings + ": " + e.getMessage(), e);
        }
    }

    SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (requireClientCert) {
            engine.setNeedClientAuth(true);
        }
        return engine;
    }

    private static KeyStore trustStore(Path caCerts) throws IOException, GeneralSecurityException {
        List<X509Certificate> cas = new ArrayList<>();
        if (Files.isDirectory(caCerts)) {
            try (Stream<Path> files = Files.list(caCerts)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    cas.addAll(PemFiles.certificates(file));
                }
            }
        } else {
            cas.addAll(PemFiles.certificates(caCerts));
        }
        if (cas.isEmpty()) {
            throw new IOException("no CA certificate in " + caCerts);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca" + i, cas.get(i));
        }
        return store;
    }

    private static Path existing(String file, String what) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new IOException(what + " file not found: " + file); // Pyro4: "server cert file not found"
        }
        return path;
    }
}
