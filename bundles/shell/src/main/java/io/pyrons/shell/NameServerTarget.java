package io.pyrons.shell;

/**
 * Which name server a command acts on: the one in this framework (no host and no port given) or a remote one
 * reached over the wire. A port without a host means this machine; a host without a port, Pyro4's 9090.
 *
 * @param host    the remote host, or empty
 * @param port    the remote port, or 0
 * @param hmacKey the HMAC key for a remote name server, or empty
 */
record NameServerTarget(String host, int port, String hmacKey) {
    static final int DEFAULT_PORT = 9090;

    NameServerTarget {
        host = host == null ? "" : host.strip();
        hmacKey = hmacKey == null ? "" : hmacKey;
        if (port < 0 || port > 65535) {
            throw new CommandFailure("port must be between 1 and 65535, not " + port);
        }
    }

    boolean isLocal() {
        return host.isEmpty() && port == 0;
    }

    String remoteHost() {
        return host.isEmpty() ? "localhost" : host;
    }

    int remotePort() {
        return port == 0 ? DEFAULT_PORT : port;
    }

    /** The key as the client takes it: {@code null} for none. */
    String remoteHmacKey() {
        return hmacKey.isEmpty() ? null : hmacKey;
    }
}
