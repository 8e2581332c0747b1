package io.pyrons.naming;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

import io.pyrons.api.Registration;

/**
 * What {@code list()} and {@code yplookup()} send: a read-only dict of name to what {@code valueOf} makes of
 * the registration, in the found registrations' name order. A view, so that the serializer walks the found
 * registrations once instead of a second copy of them being built first.
 */
final class ListAnswer extends AbstractMap<String, Object> {
    private final SortedMap<String, Registration> found;
    private final Function<Registration, Object> valueOf;

    ListAnswer(SortedMap<String, Registration> found, Function<Registration, Object> valueOf) {
        this.found = found;
        this.valueOf = valueOf;
    }

    @Override
    public int size() {
        return found.size();
    }

    @Override
    public boolean isEmpty() {
        return found.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String && found.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        Registration registration = key instanceof String ? found.get(key) : null;
        return registration == null ? null : valueOf.apply(registration);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                Iterator<Registration> registrations = found.values().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return registrations.hasNext();
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        Registration registration = registrations.next();
                        return new SimpleImmutableEntry<>(registration.name(), valueOf.apply(registration));
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
