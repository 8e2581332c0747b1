package io.pyrons.storage.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one instance per distinct metadata set, so a million registrations that carry the same tags
 * hold one set between them. Bounded: once {@link #MAX_SHARED} distinct sets are known, new ones are kept
 * as given (a store with ever-changing metadata must not grow this table without end).
 */
final class SharedMetadata {
    static final int MAX_SHARED = 4096;

    private final ConcurrentHashMap<Set<String>, Set<String>> canonical = new ConcurrentHashMap<>();

    /** The shared instance equal to {@code metadata} (an immutable set, as {@code Registration} makes it). */
    Set<String> share(Set<String> metadata) {
        if (metadata.isEmpty()) {
            return Set.of();
        }
        Set<String> known = canonical.get(metadata);
        if (known != null) {
            return known;
        }
        if (canonical.size() >= MAX_SHARED) {
            return metadata;
        }
        Set<String> raced = canonical.putIfAbsent(metadata, metadata);
        return raced == null ? metadata : raced;
    }

    void clear() {
        canonical.clear();
    }
}
