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
 *
 * <p>Two forms, the same to every caller. A {@code PYRO} or {@code PYRONAME} URI parsed from text keeps that text
 * and where its parts are ({@link Sliced}), and its accessors cut the parts out of the text: a name server holds one
 * per registration, a million of them, and the parts as strings of their own (object, host, the URI's fields)
 * would add ~150 bytes to the ~225 a registration takes in the memory store, the sliced form adds 24. Every other
 * URI holds its parts ({@link Parts}).
 */
public abstract sealed class PyroURI permits PyroURI.Parts, PyroURI.Sliced {
    /** Pyro4's default name server port, used for PYRONAME/PYROMETA without a port. */
    public static final int DEFAULT_NS_PORT = 9090;

    /**
     * Pyro4's {@code uriRegEx} with Python's meaning: {@code .} and {@code $} know only {@code \n} as a line end
     * (UNIX_LINES), {@code \S} is "not {@code str.isspace()}" (Unicode white space and, as in Python,
     * U+001C..U+001F), {@code \d} any Unicode decimal digit.
     */
    private static final Pattern URI_PATTERN = Pattern.compile(
            "(?<protocol>[Pp][Yy][Rr][Oo][a-zA-Z]*):(?<object>[^\\s\\x1c-\\x1f]+?)(@(?<location>.+))?$",
            Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern IPV6_LOCATION = Pattern.compile("\\[([0-9a-fA-F:%]+)](:(\\d+))?",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final String PYRO = "PYRO";
    private static final String PYRONAME = "PYRONAME";
    private static final String PYROMETA = "PYROMETA";

    private PyroURI() {
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
        String protocol = switch (m.group("protocol").toUpperCase(java.util.Locale.ROOT)) {
            case PYRO -> PYRO;
            case PYRONAME -> PYRONAME;
            case PYROMETA -> PYROMETA;
            default -> throw new PyroError("invalid uri (protocol)");
        };
        String object = m.group("object");
        String location = m.group("location");
        Parts parts = switch (protocol) {
            case PYRO -> {
                if (location == null || location.isEmpty()) {
                    throw new PyroError("invalid uri");
                }
                yield withLocation(protocol, object, null, location, null, uri);
            }
            case PYRONAME -> withLocation(protocol, object, null, location, defaultNsPort, uri);
            default -> {
                Set<String> meta = new LinkedHashSet<>();
                for (String part : object.split(",", -1)) {
                    meta.add(part.strip());
                }
                yield withLocation(protocol, null, Collections.unmodifiableSet(meta), location, defaultNsPort, uri);
            }
        };
        return Sliced.of(uri, m.end("object"), location != null ? m.end("location") : -1, parts);
    }

    private static Parts withLocation(String protocol, String object, Set<String> meta, String location,
                                      Integer defaultPort, String text) {
        if (location == null || location.isEmpty()) {
            return new Parts(protocol, object, meta, null, null, null, text);
        }
        if (location.startsWith("./u:")) {
            String sockname = location.substring(4);
            if (sockname.isEmpty() || sockname.contains(":")) {
                throw new PyroError("invalid uri (location)");
            }
            return new Parts(protocol, object, meta, sockname, null, null, text);
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
                port = Integer.parseInt(pythonStrip(portText));
            } catch (NumberFormatException e) {
                throw new PyroError("invalid port in uri, port=" + portText);
            }
        }
        return new Parts(protocol, object, meta, null, host, port, text);
    }

    /** Python's {@code str.strip()}: white space as {@code str.isspace()} has it, which includes U+0085. */
    private static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** A {@code PYRO:} URI for a TCP location. */
    public static PyroURI pyro(String objectId, String host, int port) {
        return new Parts(PYRO, Objects.requireNonNull(objectId), null, null, Objects.requireNonNull(host), port, null);
    }

    /** A {@code PYRO:} URI for a Unix domain socket location. */
    public static PyroURI pyroUnix(String objectId, String sockname) {
        return new Parts(PYRO, Objects.requireNonNull(objectId), null, Objects.requireNonNull(sockname), null, null, null);
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
            return new Parts(p, null, Collections.unmodifiableSet(meta), sockname, host, port, null);
        }
        return new Parts(p, String.valueOf(object), null, sockname, host, port, null);
    }

    public abstract String protocol();

    /** The object id or logical name; {@code null} for PYROMETA URIs. */
    public abstract String object();

    /** The metadata of a PYROMETA URI; {@code null} for the other protocols. */
    public abstract Set<String> metadata();

    /** The Unix domain socket path, or {@code null}. */
    public abstract String sockname();

    /** The host, or {@code null}. */
    public abstract String host();

    /** The port, or {@code null}. */
    public abstract Integer port();

    /**
     * The text this URI was parsed from, as it was given (Pyro4's name server lists a registration's URI in the
     * registered text, e.g. with a lower-case protocol); {@code null} for a URI built from its parts.
     */
    abstract String text();

    /** The location as Pyro4 prints it ({@code host:port}, {@code [v6]:port}, {@code ./u:path}), or {@code null}. */
    public String location() {
        String host = host();
        if (host != null && !host.isEmpty()) {
            return host.contains(":") ? "[" + host + "]:" + port() : host + ":" + port();
        }
        String sockname = sockname();
        if (sockname != null) {
            return "./u:" + sockname;
        }
        return null;
    }

    /** A copy of this URI at another TCP location (used for NAT and for broadcast answers). */
    public PyroURI withHostPort(String newHost, int newPort) {
        return new Parts(protocol(), object(), metadata(), null, newHost, newPort, null);
    }

    /** Pyro4's {@code asString()}. */
    public String asString() {
        StringBuilder sb = new StringBuilder(protocol()).append(':');
        Set<String> metadata = metadata();
        if (metadata != null) {
            sb.append(String.join(",", metadata));
        } else {
            sb.append(object());
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
    public final boolean equals(Object o) {
        return o instanceof PyroURI u && protocol().equals(u.protocol()) && Objects.equals(object(), u.object())
                && Objects.equals(metadata(), u.metadata()) && Objects.equals(sockname(), u.sockname())
                && Objects.equals(host(), u.host()) && Objects.equals(port(), u.port());
    }

    @Override
    public final int hashCode() {
        return Objects.hash(protocol(), object(), metadata(), sockname(), host(), port());
    }

    /** A URI held as its parts: built from them, or parsed when it cannot be {@link Sliced}. */
    static final class Parts extends PyroURI {
        private final String protocol;
        private final String object;
        private final Set<String> metadata;
        private final String sockname;
        private final String host;
        private final Integer port;
        private final String text;

        Parts(String protocol, String object, Set<String> metadata, String sockname, String host, Integer port,
              String text) {
            this.protocol = protocol;
            this.object = object;
            this.metadata = metadata;
            this.sockname = sockname;
            this.host = host;
            this.port = port;
            this.text = text;
        }

        @Override
        public String protocol() {
            return protocol;
        }

        @Override
        public String object() {
            return object;
        }

        @Override
        public Set<String> metadata() {
            return metadata;
        }

        @Override
        public String sockname() {
            return sockname;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public Integer port() {
            return port;
        }

        @Override
        String text() {
            return text;
        }
    }

    /**
     * A {@code PYRO} or {@code PYRONAME} URI as the text it was parsed from and where its object part ends; the
     * location is the rest of the text up to where the parse found its end, the port is kept as a number. 24 bytes
     * beside the text. Made only when cutting the text reproduces every part the parse found ({@link #of}).
     */
    static final class Sliced extends PyroURI {
        /** {@link #port}: no port (a PYRONAME without location). */
        private static final int NO_PORT = Integer.MIN_VALUE;

        private final String text;
        private final int objectEnd;
        private final int port;

        private Sliced(String text, int objectEnd, int port) {
            this.text = text;
            this.objectEnd = objectEnd;
            this.port = port;
        }

        /**
         * The sliced form of {@code parts}, parsed from {@code text} with the object part ending at {@code objectEnd}
         * and the location at {@code locationEnd} (-1: none); {@code parts} itself when the slices would differ.
         */
        static PyroURI of(String text, int objectEnd, int locationEnd, Parts parts) {
            if (parts.metadata != null || (parts.port != null && parts.port == NO_PORT)) {
                return parts;
            }
            Sliced sliced = new Sliced(text, objectEnd, parts.port == null ? NO_PORT : parts.port);
            if (sliced.locationEnd() != (locationEnd < 0 ? objectEnd : locationEnd)
                    || !parts.protocol.equals(sliced.protocol()) || !parts.object.equals(sliced.object())
                    || !Objects.equals(parts.sockname, sliced.sockname()) || !Objects.equals(parts.host, sliced.host())) {
                return parts; // not expected to happen: the slicing below follows the parse
            }
            return sliced;
        }

        @Override
        public String protocol() {
            // parse() accepts PYRO and PYRONAME only (any case) for this form
            return text.indexOf(':') == PYRO.length() ? PYRO : PYRONAME;
        }

        @Override
        public String object() {
            return text.substring(text.indexOf(':') + 1, objectEnd);
        }

        @Override
        public Set<String> metadata() {
            return null;
        }

        @Override
        public String sockname() {
            int start = locationStart();
            return start >= 0 && text.startsWith("./u:", start) ? text.substring(start + 4, locationEnd()) : null;
        }

        @Override
        public String host() {
            int start = locationStart();
            if (start < 0 || text.startsWith("./u:", start)) {
                return null;
            }
            int end = locationEnd();
            if (text.charAt(start) == '[') {
                return text.substring(start + 1, text.indexOf(']', start));
            }
            int colon = text.indexOf(':', start);
            return text.substring(start, colon < 0 || colon > end ? end : colon);
        }

        @Override
        public Integer port() {
            return port == NO_PORT ? null : port;
        }

        @Override
        String text() {
            return text;
        }

        /** Where the location starts (after the {@code @}), or -1 when there is none. */
        private int locationStart() {
            return objectEnd < text.length() && text.charAt(objectEnd) == '@' ? objectEnd + 1 : -1;
        }

        /** Where the parse's {@code $} matched: the end of the text, or before a {@code \n} that ends it, as in Python. */
        private int locationEnd() {
            int end = text.length();
            return end > 0 && text.charAt(end - 1) == '\n' ? end - 1 : end;
        }
    }
}
