package io.pyrons.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.NameServer;
import io.pyrons.protocol.values.PythonRepr;

/**
 * Finds name servers and resolves magic URIs with Pyro4's rules ({@code Pyro4.core._locateNS} and
 * {@code _resolve}); with a Pyro5 configuration the proxies speak Pyro5 and {@code PYROMETA:} resolves through
 * {@code yplookup}, as Pyro5's {@code resolve} does. Stateless apart from its configuration; thread-safe.
 */
public class NameServerLocator {
    /** Pyro4's {@code locateNS} lines, at DEBUG. */
    private static final Logger LOG = System.getLogger("io.pyrons.client");

    private static final byte[] GET_NSURI = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
    private static final int BROADCAST_TRIES = 3;
    private static final int BROADCAST_TIMEOUT_MILLIS = 700;

    private final ClientConfig config;
    private final Serializers serializers;

    public NameServerLocator(ClientConfig config, Serializers serializers) {
        this.config = Objects.requireNonNull(config, "config");
        this.serializers = Objects.requireNonNull(serializers, "serializers");
    }

    public ClientConfig config() {
        return config;
    }

    /** A proxy for {@code uri} with this locator's configuration (connects on first use). */
    public PyroProxy proxy(String uri) {
        return new PyroProxy(uri, config, serializers);
    }

    /** A proxy for {@code uri} with this locator's configuration and another HMAC key. */
    public PyroProxy proxy(PyroURI uri, String hmacKey) {
        return new PyroProxy(uri, config.withHmacKey(hmacKey), serializers);
    }

    /** {@link #locate(String, Integer, boolean, String)} with broadcast and the configured HMAC key. */
    public PyroProxy locate(String host, Integer port) {
        return locate(host, port, true, config.hmacKey());
    }

    /** The name server found by {@link #locate(String, Integer)}, behind the {@link NameServer} interface. */
    public RemoteNameServer locateNameServer(String host, Integer port) {
        return new RemoteNameServer(locate(host, port));
    }

    /**
     * Pyro4's {@code locateNS}. Without {@code host}: the local host first when {@code NS_HOST} is
     * localhost-like (and 127.0.1.1 when it has a name), then a {@code GET_NSURI} broadcast to
     * {@code BROADCAST_ADDRS} on the broadcast port ({@code port} or {@code NS_BCPORT}, 3 tries of 0.7 s;
     * that proxy is returned unconnected, as Pyro4 does), then {@code NS_HOST:NS_PORT}. With a host (or
     * {@code ./u:PATH}): that location directly. {@link NamingError} {@code Failed to locate the nameserver}
     * when the last attempt fails.
     */
    public PyroProxy locate(String host, Integer port, boolean broadcast, String hmacKey) {
        ClientConfig keyed = config.withHmacKey(hmacKey);
        boolean portGiven = port != null && port != 0;
        if (host == null) {
            String nsHost = config.nsHost();
            if (nsHost.equals("localhost") || nsHost.equals("::1") || nsHost.startsWith("127.")) {
                for (String candidate : localCandidates(nsHost)) {
                    PyroProxy proxy = new PyroProxy(PyroURI.pyro(NameServer.OBJECT_ID, candidate,
                            portGiven ? port : config.nsPort()), keyed, serializers);
                    try {
                        proxy.bind();
                        return proxy;
                    } catch (PyroError e) {
                        proxy.close();
                    }
                }
            }
            if (broadcast) {
                String found = broadcastLookup(portGiven ? port : config.nsBcPort());
                LOG.log(Level.DEBUG, () -> found == null ? "no name server answered the broadcast lookup"
                        : "located the NS by broadcast: " + found);
                if (found != null) {
                    return new PyroProxy(found, keyed, serializers);
                }
            }
            host = config.nsHost();
            port = config.nsPort();
            portGiven = true;
        }
        int nsPort = portGiven ? port : config.nsPort();
        PyroProxy proxy;
        if (host.startsWith("./u:")) {
            proxy = new PyroProxy(PyroURI.parse("PYRO:" + NameServer.OBJECT_ID + "@" + host), keyed, serializers);
        } else {
            proxy = new PyroProxy(PyroURI.pyro(NameServer.OBJECT_ID, stripBrackets(host), nsPort), keyed, serializers);
        }
        LOG.log(Level.DEBUG, "locating the NS: {0}", proxy.uri().asString());
        try {
            proxy.bind();
            LOG.log(Level.DEBUG, "located NS");
            return proxy;
        } catch (PyroError e) {
            proxy.close();
            LOG.log(Level.DEBUG, "failed to locate the NS at {0}: {1}", proxy.uri().asString(), e.getMessage());
            NamingError error = new NamingError("Failed to locate the nameserver");
            error.initCause(e);
            throw error;
        }
    }

    /**
     * Pyro4's {@code resolve}: a PYRO URI as it is; PYRONAME through the name server's {@code lookup};
     * PYROMETA as a random one of the registrations carrying all the metadata.
     */
    public PyroURI resolve(PyroURI uri) {
        switch (uri.protocol()) {
            case "PYRO":
                return uri;
            case "PYRONAME":
                try (PyroProxy ns = locate(uri.host(), uri.port(), true, config.hmacKey())) {
                    return asUri(ns.invoke("lookup", uri.object()));
                }
            case "PYROMETA":
                try (PyroProxy ns = locate(uri.host(), uri.port(), true, config.hmacKey())) {
                    // Pyro5's name server finds by metadata with yplookup only (its resolve does the same)
                    Object found = config.protocol() == PyroProtocol.PYRO5
                            ? ns.invoke("yplookup", List.of(), Map.of("meta_all", uri.metadata(), "return_metadata", false))
                            : ns.invoke("list", List.of(), Map.of("metadata_all", uri.metadata()));
                    List<Object> candidates = found instanceof Map<?, ?> map ? new ArrayList<>(map.values()) : List.of();
                    if (candidates.isEmpty()) {
                        throw new NamingError("no registrations available with desired metadata properties "
                                + PythonRepr.repr(uri.metadata()));
                    }
                    return asUri(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
                }
            default:
                throw new PyroError("invalid uri protocol");
        }
    }

    /** {@link #resolve(PyroURI)} of a URI string. */
    public PyroURI resolve(String uri) {
        return resolve(PyroURI.parse(uri, config.nsPort()));
    }

    static PyroURI asUri(Object value) {
        if (value instanceof PyroURI u) {
            return u;
        }
        if (value instanceof String s) {
            return PyroURI.parse(s);
        }
        throw new PyroError("expected a uri, got " + PythonRepr.repr(value));
    }

    private static List<String> localCandidates(String nsHost) {
        if (nsHost.contains(":") || nsHost.equals("127.0.1.1")) {
            return List.of(nsHost);
        }
        // Debian puts the host name on 127.0.1.1; Pyro4 tries it when that address has a name
        try {
            InetAddress debian = InetAddress.getByAddress(new byte[] {127, 0, 1, 1});
            if (!debian.getCanonicalHostName().equals("127.0.1.1")) {
                return List.of(nsHost, "127.0.1.1");
            }
        } catch (IOException e) {
            // no such address: only the configured host
        }
        return List.of(nsHost);
    }

    /** Sends GET_NSURI to every broadcast address, up to three times; the first answer wins. */
    private String broadcastLookup(int bcPort) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.setSoTimeout(BROADCAST_TIMEOUT_MILLIS);
            for (int attempt = 0; attempt < BROADCAST_TRIES; attempt++) {
                for (String address : config.broadcastAddresses()) {
                    try {
                        socket.send(new DatagramPacket(GET_NSURI, GET_NSURI.length, new InetSocketAddress(broadcastHost(address), bcPort)));
                    } catch (IOException | IllegalArgumentException | SecurityException e) {
                        // an address this host cannot send to (no broadcast route): try the others
                    }
                }
                byte[] buffer = new byte[100];
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(answer);
                    return new String(buffer, 0, answer.getLength(), StandardCharsets.ISO_8859_1);
                } catch (SocketTimeoutException e) {
                    // no answer this round
                }
            }
        } catch (IOException e) {
            // no UDP on this host: fall through to the direct lookup, as after a failed broadcast
        }
        return null;
    }

    private static InetAddress broadcastHost(String address) throws IOException {
        if (address.equals("<broadcast>")) {
            return InetAddress.getByAddress(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});
        }
        if (address.isEmpty()) {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0});
        }
        return InetAddress.getByName(address);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Metadata as a collection the serializers write as a set. */
    static java.util.Set<String> metadataSet(Collection<String> metadata) {
        return metadata == null ? null : new java.util.LinkedHashSet<>(metadata);
    }
}
