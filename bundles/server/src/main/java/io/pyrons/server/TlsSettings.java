package io.pyrons.server;

/**
 * Pyro4's SSL settings (SSL, SSL_SERVERCERT, SSL_SERVERKEY, SSL_SERVERKEYPASSWD, SSL_CACERTS,
 * SSL_REQUIRECLIENTCERT) for the server side. Files are PEM, as Python's ssl module reads them.
 *
 * @param enabled           serve TLS instead of plain TCP or Unix socket traffic
 * @param serverCert        PEM file with the server certificate (and its chain; may hold the key too)
 * @param serverKey         PEM file with the private key, or {@code ""} when it is in {@code serverCert}
 * @param serverKeyPassword password of an encrypted key, or {@code ""}
 * @param caCerts           PEM file or directory of CA certificates that client certificates must chain to
 * @param requireClientCert two-way TLS: a client without a certificate signed by {@code caCerts} is refused
 */
public record TlsSettings(boolean enabled, String serverCert, String serverKey, String serverKeyPassword,
                          String caCerts, boolean requireClientCert) {
    public static final TlsSettings OFF = new TlsSettings(false, "", "", "", "", false);

    public TlsSettings {
        serverCert = serverCert == null ? "" : serverCert.strip();
        serverKey = serverKey == null ? "" : serverKey.strip();
        serverKeyPassword = serverKeyPassword == null ? "" : serverKeyPassword;
        caCerts = caCerts == null ? "" : caCerts.strip();
        if (enabled && serverCert.isEmpty()) {
            throw new IllegalArgumentException("ssl=true needs ssl.servercert (Pyro4's SSL_SERVERCERT)");
        }
        if (enabled && requireClientCert && caCerts.isEmpty()) {
            throw new IllegalArgumentException("ssl.requireclientcert=true needs ssl.cacerts to check client certificates");
        }
    }

    @Override
    public String toString() {
        return enabled ? "TLS[cert=" + serverCert + ", key=" + (serverKey.isEmpty() ? "(in cert)" : serverKey)
                + ", cacerts=" + caCerts + ", requireclientcert=" + requireClientCert + "]" : "TLS[off]";
    }
}
