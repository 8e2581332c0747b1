package io.pyrons.api;

import java.util.Objects;
import java.util.Set;

/** One entry of the phone book: a name, the URI string registered under it, and its metadata. */
public record Registration(String name, String uri, Set<String> metadata) {
    public Registration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        metadata = metadata == null ? Set.of() : Set.copyOf(metadata);
    }
}
