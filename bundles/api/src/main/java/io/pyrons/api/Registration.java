package io.pyrons.api;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the phone book: a name, the URI registered under it, and its metadata. The URI is parsed once,
 * when the registration is made; {@link #uri()} is the text as it was registered (what stores persist and
 * {@code list()} answers, as Pyro4's name server does), {@link #parsedUri()} the URI that {@code lookup()} answers.
 *
 * <p>Not a record: the parsed URI holds the registered text (a name server holds a million registrations), and a
 * text that does not parse, which only a store written by another tool can hold, is kept as it is, as Pyro4 keeps
 * it: listed, and a {@link PyroError} when looked up.
 */
public final class Registration {
    private final String name;
    /** The parsed URI (holding its text); or the registered text when it does not parse. */
    private final Object uri;
    private final Set<String> metadata;

    /**
     * A registration of the URI text {@code uri}, parsed here once. A text that does not parse is kept: it is what
     * a store that another tool wrote may hold, and Pyro4 lists it and fails only to look it up
     * ({@link #parsedUri()}). The name server itself refuses such a text before it makes a registration.
     */
    public Registration(String name, String uri, Collection<String> metadata) {
        this(name, parsedOrText(Objects.requireNonNull(uri, "uri")), metadata);
    }

    /** A registration of a parsed URI; its text is the one it was parsed from, else Pyro4's string form. */
    public Registration(String name, PyroURI uri, Collection<String> metadata) {
        this(name, (Object) Objects.requireNonNull(uri, "uri"), metadata);
    }

    private Registration(String name, Object uri, Collection<String> metadata) {
        this.name = Objects.requireNonNull(name, "name");
        this.uri = uri;
        this.metadata = metadata == null ? Set.of() : Set.copyOf(metadata);
    }

    private static Object parsedOrText(String text) {
        try {
            return PyroURI.parse(text);
        } catch (PyroError e) {
            return text;
        }
    }

    /** This registration with other metadata (the same URI, not parsed again). */
    public Registration withMetadata(Collection<String> newMetadata) {
        return new Registration(name, uri, newMetadata);
    }

    public String name() {
        return name;
    }

    /** The URI text as it was registered. */
    public String uri() {
        if (uri instanceof PyroURI parsed) {
            String text = parsed.text();
            return text != null ? text : parsed.asString();
        }
        return (String) uri;
    }

    /**
     * The URI, parsed when this registration was made. A {@link PyroError} (Pyro4's error for that text) when the
     * registered text does not parse: Pyro4's {@code lookup()} fails the same way for such a stored entry.
     */
    public PyroURI parsedUri() {
        return uri instanceof PyroURI parsed ? parsed : PyroURI.parse((String) uri);
    }

    public Set<String> metadata() {
        return metadata;
    }

    /** Equal name, URI text and metadata. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Registration r && name.equals(r.name) && uri().equals(r.uri())
                && metadata.equals(r.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, uri(), metadata);
    }

    @Override
    public String toString() {
        return "Registration[name=" + name + ", uri=" + uri() + ", metadata=" + metadata + "]";
    }
}
