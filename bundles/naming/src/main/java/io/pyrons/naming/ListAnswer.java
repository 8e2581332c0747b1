package io.pyrons.naming;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.Registration;

/**
 * What {@code list()} and {@code yplookup()} send: Pyro4's dict of name to URI text, or to
 * {@code (URI text, [metadata])} ({@code (URI text, {metadata})} for Pyro5), in the found registrations' order. The serializers write any {@link Map} by
 * walking its entries; these are made from the found registrations as the serializer walks them, so an answer of
 * 10,000 names is not copied into a map first. Nothing but a serializer reads it.
 */
final class ListAnswer extends AbstractMap<String, Object> {
    private final List<Registration> found;
    private final boolean withMetadata;
    private final boolean metadataAsSet;

    ListAnswer(List<Registration> found, boolean withMetadata) {
        this(found, withMetadata, false);
    }

    /** {@code metadataAsSet}: Pyro5's form, the metadata as a set. */
    ListAnswer(List<Registration> found, boolean withMetadata, boolean metadataAsSet) {
        this.found = found;
        this.withMetadata = withMetadata;
        this.metadataAsSet = metadataAsSet;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                Iterator<Registration> registrations = found.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return registrations.hasNext();
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        Registration r = registrations.next();
                        Object value = withMetadata
                                ? new Object[] {r.uri(), metadataAsSet ? NameServerDispatch.metadataSet(r)
                                        : NameServerDispatch.metadataList(r)}
                                : r.uri();
                        return new SimpleImmutableEntry<>(r.name(), value);
                    }
                };
            }

            @Override
            public int size() {
                return found.size();
            }
        };
    }
}
