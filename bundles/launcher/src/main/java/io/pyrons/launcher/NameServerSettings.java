package io.pyrons.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pyrons.api.PyroRules;

/**
 * What pyro4-ns would run with once options and environment are combined (Pyro4's {@code naming.main},
 * {@code NameServerDaemon} and {@code Daemon} constructors), and the configurations that make pyrons run so.
 * {@code host} "" means all interfaces; {@code unixsocket}, {@code nathost} and {@code hmacKey} are {@code null}
 * when not used; {@code natport} 0 means the bound port. {@code storage} is passed on as given: the name server
 * judges it (a type no installed backend provides, a bad location) and says so through its status. It is
 * {@code null} without {@code -s} (or with {@code -s ""}): pyro4-ns then runs on memory, and so does the name server
 * with no {@code storage} set, until a storage bundle is installed (install = enable, see {@link StorageOffer}).
 */
record NameServerSettings(String host, int port, String unixsocket, String nathost, int natport, String hmacKey,
                          String storage, double autoclean, boolean enableBroadcast, String bchost, Integer bcport,
                          String serializersAccepted, Double commTimeout, Long maxMessageSize, Boolean compression,
                          PyroEnvironment.Tls tls) {

    static final String SERVER_PID = "io.pyrons.server";
    static final String NAMING_PID = "io.pyrons.naming";
    static final String BROADCAST_PID = "io.pyrons.broadcast";

    /** Pyro4's rules for combining {@code options} with {@code env}; {@link LaunchStop} where Pyro4 raises. */
    static NameServerSettings of(NsOptions options, PyroEnvironment env, String hmacKey) {
        String host = options.host() != null ? options.host() : env.host();
        long port = options.port() != null ? options.port() : env.nsPort();
        String unixsocket = options.unixsocket() == null || options.unixsocket().isEmpty() ? null : options.unixsocket();
        String nathost = options.nathost() != null ? options.nathost() : env.nathost();
        Long natport = options.natport() != null ? options.natport() : (env.natport() != 0 ? env.natport() : null);
        if (natport == null && nathost != null) {
            natport = env.natport();
        }
        // pyro4-ns: storage = storage or "memory"; left unset here, the name server's own default is memory
        String storage = !options.storageGiven() || options.storage().isEmpty() ? null : options.storage();
        try {
            PyroRules.checkAutoclean(env.nsAutoclean());
            PyroRules.checkNatHost(nathost, unixsocket);
        } catch (IllegalArgumentException e) {
            throw LaunchStop.error(1, e.getMessage());
        }
        if ((nathost == null) != (natport == null)) {
            throw LaunchStop.error(1, "must provide natport with nathost");
        }
        Long bcport = options.bcport() != null ? options.bcport() : null;
        return new NameServerSettings(host, port("port", port), unixsocket,
                nathost == null || nathost.isEmpty() ? null : nathost,
                natport == null ? 0 : port("natport", natport), hmacKey == null || hmacKey.isEmpty() ? null : hmacKey,
                storage, env.nsAutoclean(), options.enableBroadcast(),
                options.bchost() != null ? options.bchost() : env.nsBchost(),
                bcport != null ? port("bcport", bcport) : (int) env.nsBcport(),
                env.serializersAccepted(), env.commTimeout(), env.maxMessageSize(), env.compression(), env.tls());
    }

    private static int port(String what, long value) {
        if (value < 0 || value > 65535) {
            throw LaunchStop.error(1, what + " must be 0-65535: " + value);
        }
        return (int) value;
    }

    /** Configuration {@value #SERVER_PID}; keys left out take the server's defaults, which are Pyro4's. */
    Map<String, Object> serverConfiguration() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("host", host);
        c.put("port", port);
        if (unixsocket != null) {
            c.put("unixsocket", unixsocket);
        }
        if (nathost != null) {
            c.put("nathost", nathost);
            c.put("natport", natport);
        }
        if (hmacKey != null) {
            c.put("hmac.key", hmacKey);
        }
        if (serializersAccepted != null) {
            c.put("serializers.accepted", serializersAccepted);
        }
        if (commTimeout != null) {
            c.put("comm.timeout", commTimeout);
        }
        if (maxMessageSize != null) {
            c.put("max.message.size", maxMessageSize.intValue());
        }
        if (compression != null) {
            c.put("compression", compression);
        }
        if (tls != null && tls.enabled()) {
            c.put("ssl", true);
            putIfSet(c, "ssl.servercert", tls.serverCert());
            putIfSet(c, "ssl.serverkey", tls.serverKey());
            putIfSet(c, "ssl.serverkeypasswd", tls.serverKeyPassword());
            putIfSet(c, "ssl.cacerts", tls.caCerts());
            c.put("ssl.requireclientcert", tls.requireClientCert());
        }
        return c;
    }

    private static void putIfSet(Map<String, Object> configuration, String key, String value) {
        if (value != null && !value.isEmpty()) {
            configuration.put(key, value);
        }
    }

    /** Configuration {@value #NAMING_PID}. */
    Map<String, Object> namingConfiguration() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (storage != null) {
            c.put("storage", storage);
        }
        c.put("autoclean", autoclean);
        if (commTimeout != null) {
            c.put("comm.timeout", commTimeout);
        }
        return c;
    }

    /** Configuration {@value #BROADCAST_PID}; unused where no broadcast responder is installed. */
    Map<String, Object> broadcastConfiguration() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("enabled", enableBroadcast);
        if (bchost != null) {
            c.put("bchost", bchost);
        }
        c.put("bcport", bcport);
        return c;
    }
}
