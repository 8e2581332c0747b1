package io.pyrons.launcher;

/**
 * The values pyro4-ns's option parser produces: {@code null} where an option was not given, exactly as optparse
 * leaves it {@code None}; {@code storage} defaults to {@code "memory"} and {@code enableBroadcast} to {@code true}.
 */
record NsOptions(String host, Long port, String unixsocket, String storage, String bchost, Long bcport,
                 String nathost, Long natport, boolean enableBroadcast, String key) {

    static final NsOptions DEFAULTS = new NsOptions(null, null, null, "memory", null, null, null, null, true, null);

    NsOptions withHost(String value) {
        return new NsOptions(value, port, unixsocket, storage, bchost, bcport, nathost, natport, enableBroadcast, key);
    }

    NsOptions withPort(Long value) {
        return new NsOptions(host, value, unixsocket, storage, bchost, bcport, nathost, natport, enableBroadcast, key);
    }

    NsOptions withUnixsocket(String value) {
        return new NsOptions(host, port, value, storage, bchost, bcport, nathost, natport, enableBroadcast, key);
    }

    NsOptions withStorage(String value) {
        return new NsOptions(host, port, unixsocket, value, bchost, bcport, nathost, natport, enableBroadcast, key);
    }

    NsOptions withBchost(String value) {
        return new NsOptions(host, port, unixsocket, storage, value, bcport, nathost, natport, enableBroadcast, key);
    }

    NsOptions withBcport(Long value) {
        return new NsOptions(host, port, unixsocket, storage, bchost, value, nathost, natport, enableBroadcast, key);
    }

    NsOptions withNathost(String value) {
        return new NsOptions(host, port, unixsocket, storage, bchost, bcport, value, natport, enableBroadcast, key);
    }

    NsOptions withNatport(Long value) {
        return new NsOptions(host, port, unixsocket, storage, bchost, bcport, nathost, value, enableBroadcast, key);
    }

    NsOptions withoutBroadcast() {
        return new NsOptions(host, port, unixsocket, storage, bchost, bcport, nathost, natport, false, key);
    }

    NsOptions withKey(String value) {
        return new NsOptions(host, port, unixsocket, storage, bchost, bcport, nathost, natport, enableBroadcast, value);
    }
}
