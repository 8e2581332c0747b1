package io.pyrons.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pyro URI, parsed and printed exactly as Pyro4's {@code Pyro4.core.URI}:
 * {@code PYRO:obj@host:port}, {@code PYRO:obj@./u:socketpath}, {@code PYRONAME:name[@host[:port]]},
 * {@code PYROMETA:meta1,meta2[@host[:port]]}.
 *
 * <p>For {@code PYROMETA} the object part is a set of metadata strings ({@link #metadata()}); for the
 * other protocols it is the object id or logical name ({@link #object()}).
 */
public final class PyroURI {
    /** Pyro4's default name server port, used for PYRONAME/PYROMETA without a port. */
    public static final int DEFAULT_NS_PORT = 9090;

    private static final Pattern URI_PATTERN =
            Pattern.compile("(?<protocol>[Pp][Yy][Rr][Oo][a-zA-Z]*):(?<object>\\S+?)(@(?<location>.+))?$");
    private static final Pattern IPV6_LOCATION = Pattern.compile("\\[([0-9a-fA-F:%]+)](:(\\d+))?");

    private final String protocol;
    private final String object;
    private final Set<String> metadata;
    private final String sockname;
    private final String host;
    private final Integer port;

    private PyroURI(String protocol, String object, Set<String> metadata, String sockname, String host, Integer port) {
        this.protocol = protocol;
        this.object = object;
        this.metadata = metadata;
        this.sockname = sockname;
        this.host = host;
        this.port = port;
    }

    /** Parses a URI string; PYRONAME/PYROMETA without a port get {@link #DEFAULT_NS_PORT}. */
    public static PyroURI parse(String uri) {
        return parse(uri, DEFAULT_NS_PORT);
    }

    /** Parses a URI string, using {@code defaultNsPort} for PYRONAME/PYROMETA locations without a port. */
    public static PyroURI parse(String uri, int defaultNsPort) {
        if (uri == null) {
            throw PythonException.typeError("uri parameter object is of wrong type");
        }
        Matcher m = URI_PATTERN.matcher(uri);
        if (!m.lookingAt()) {
            throw new PyroError("invalid uri");
        }
        String protocol = m.group("protocol").toUpperCase(java.util.Locale.ROOT);
        String object = m.group("object");
        String location = m.group("location");
        switch (protocol) {
            case "PYRO":
                if (location == null || location.isEmpty()) {
                    throw new PyroError("invalid uri");
                }
                return withLocation(protocol, object, null, location, null);
            case "PYRONAME":
                return withLocation(protocol, object, null, location, defaultNsPort);
            case "PYROMETA":
                Set<String> meta = new LinkedHashSet<>();
                for (String part : object.split(",", -1)) {
                    meta.add(part.strip());
                }
                return withLocation(protocol, null, Collections.unmodifiableSet(meta), location, defaultNsPort);
            default:
                throw new PyroError("invalid uri (protocol)");
        }
    }

    private static PyroURI withLocation(String protocol, String object, Set<String> meta, String location, Integer defaultPort) {
        if (location == null || location.isEmpty()) {
            return new PyroURI(protocol, object, meta, null, null, null);
        }
        if (location.startsWith("./u:")) {
            String sockname = location.substring(4);
            if (sockname.isEmpty() || sockname.contains(":")) {
                throw new PyroError("invalid uri (location)");
            }
            return new PyroURI(protocol, object, meta, sockname, null, null);
        }
        String host;
        String portText;
        if (location.startsWith("[")) {
            if (location.startsWith("[[")) {
                throw new PyroError("invalid ipv6 address: enclosed in too many brackets");
            }
            Matcher v6 = IPV6_LOCATION.matcher(location);
            if (!v6.lookingAt()) {
                throw new PyroError("invalid ipv6 address: the part between brackets must be a numeric ipv6 address");
            }
            host = v6.group(1);
            portText = v6.group(3);
        } else {
            int colon = location.indexOf(':');
            host = colon < 0 ? location : location.substring(0, colon);
            portText = colon < 0 ? "" : location.substring(colon + 1);
        }
        Integer port;
        if (portText == null || portText.isEmpty()) {
            port = defaultPort;
            if (port == null) {
                throw new PyroError("invalid port in uri, port=None");
            }
        } else {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                throw new PyroError("invalid port in uri, port=" + portText);
            }
        }
        return new PyroURI(protocol, object, meta, null, host, port);
    }

    /** A {@code PYRO:} URI for a TCP location. */
    public static PyroURI pyro(String objectId, String host, int port) {
        return new PyroURI("PYRO", Objects.requireNonNull(objectId), null, null, Objects.requireNonNull(host), port);
    }

    /** A {@code PYRO:} URI for a Unix domain socket location. */
    public static PyroURI pyroUnix(String objectId, String sockname) {
        return new PyroURI("PYRO", Objects.requireNonNull(objectId), null, Objects.requireNonNull(sockname), null, null);
    }

    /**
     * Rebuilds a URI from the state tuple Pyro4 serializes ({@code protocol, object, sockname, host, port}).
     * The object of a PYROMETA URI arrives as a collection of strings.
     */
    public static PyroURI fromState(String protocol, Object object, String sockname, String host, Integer port) {
        String p = protocol.toUpperCase(java.util.Locale.ROOT);
        if (object instanceof java.util.Collection<?> c) {
            Set<String> meta = new LinkedHashSet<>();
            for (Object o : c) {
                meta.add(String.valueOf(o));
            }
            return new PyroURI(p, null, Collections.unmodifiableSet(meta), sockname, host, port);
        }
        return new PyroURI(p, String.valueOf(object), null, sockname, host, port);
    }

    public String protocol() {
        return protocol;
    }

    /** The object id or logical name; {@code null} for PYROMETA URIs. */
    public String object() {
        return object;
    }

    /** The metadata of a PYROMETA URI; {@code null} for the other protocols. */
    public Set<String> metadata() {
        return metadata;
    }

    /** The Unix domain socket path, or {@code null}. */
    public String sockname() {
        return sockname;
    }

    /** The host, or {@code null}. */
    public String host() {
        return host;
    }

    /** The port, or {@code null}. */
    public Integer port() {
        return port;
    }

    /** The location as Pyro4 prints it ({@code host:port}, {@code [v6]:port}, {@code ./u:path}), or {@code null}. */
    public String location() {
        if (host != null && !host.isEmpty()) {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
        if (sockname != null) {
            return "./u:" + sockname;
        }
        return null;
    }

    /** A copy of this URI at another TCP location (used for NAT and for broadcast answers). */
    public PyroURI withHostPort(String newHost, int newPort) {
        return new PyroURI(protocol, object, metadata, null, newHost, newPort);
    }

    /** Pyro4's {@code asString()}. */
    public String asString() {
        StringBuilder sb = new StringBuilder(protocol).append(':');
        if (metadata != null) {
            sb.append(String.join(",", metadata));
        } else {
            sb.append(object);
        }
        String location = location();
        if (location != null) {
            sb.append('@').append(location);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return asString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyroURI u && protocol.equals(u.protocol) && Objects.equals(object, u.object)
                && Objects.equals(metadata, u.metadata) && Objects.equals(sockname, u.sockname)
                && Objects.equals(host, u.host) && Objects.equals(port, u.port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, object, metadata, sockname, host, port);
    }
}
