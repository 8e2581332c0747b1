package io.pyrons.naming;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.pyrons.api.Registration;

/**
 * A read-only {@link SortedMap} (natural name order) over a list of registrations in strictly ascending name
 * order, which is how every store returns its query results: a list answer of 10,000 names is wrapped, not
 * re-inserted into a tree. Lookups are binary searches; sub-maps are views of a sub-list, and keys outside a
 * sub-map's range are clamped to it rather than refused.
 */
final class RegistrationsByName extends AbstractMap<String, Registration> implements SortedMap<String, Registration> {
    private static final Comparator<Registration> BY_NAME = Comparator.comparing(Registration::name);

    private final List<Registration> sorted;

    private RegistrationsByName(List<Registration> sorted) {
        this.sorted = sorted;
    }

    /**
     * The registrations by name. The list is used as it is when it is in strictly ascending name order (the
     * caller hands it over and keeps no reference); otherwise it is sorted into a copy, and of a repeated name
     * the last registration wins.
     */
    static SortedMap<String, Registration> of(List<Registration> registrations) {
        if (registrations instanceof RandomAccess && isStrictlyAscending(registrations)) {
            return new RegistrationsByName(registrations);
        }
        // a store that broke its contract: correct answers matter more than the copy
        TreeMap<String, Registration> byName = new TreeMap<>();
        for (Registration registration : registrations) {
            byName.put(registration.name(), registration);
        }
        return new RegistrationsByName(new ArrayList<>(byName.values()));
    }

    private static boolean isStrictlyAscending(List<Registration> registrations) {
        for (int i = 1; i < registrations.size(); i++) {
            if (BY_NAME.compare(registrations.get(i - 1), registrations.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int size() {
        return sorted.size();
    }

    @Override
    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    @Override
    public Registration get(Object key) {
        int index = indexOf(key);
        return index >= 0 ? sorted.get(index) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Collection<Registration> values() {
        return Collections.unmodifiableList(sorted);
    }

    @Override
    public Set<Entry<String, Registration>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Registration>> iterator() {
                Iterator<Registration> registrations = sorted.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return registrations.hasNext();
                    }

                    @Override
                    public Entry<String, Registration> next() {
                        Registration registration = registrations.next();
                        return new SimpleImmutableEntry<>(registration.name(), registration);
                    }
                };
            }

            @Override
            public int size() {
                return sorted.size();
            }
        };
    }

    @Override
    public Comparator<? super String> comparator() {
        return null; // natural String order, as the stores sort
    }

    @Override
    public SortedMap<String, Registration> subMap(String fromKey, String toKey) {
        if (fromKey.compareTo(toKey) > 0) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        return new RegistrationsByName(sorted.subList(firstAtOrAfter(fromKey), firstAtOrAfter(toKey)));
    }

    @Override
    public SortedMap<String, Registration> headMap(String toKey) {
        return new RegistrationsByName(sorted.subList(0, firstAtOrAfter(toKey)));
    }

    @Override
    public SortedMap<String, Registration> tailMap(String fromKey) {
        return new RegistrationsByName(sorted.subList(firstAtOrAfter(fromKey), sorted.size()));
    }

    @Override
    public String firstKey() {
        if (sorted.isEmpty()) {
            throw new NoSuchElementException();
        }
        return sorted.get(0).name();
    }

    @Override
    public String lastKey() {
        if (sorted.isEmpty()) {
            throw new NoSuchElementException();
        }
        return sorted.get(sorted.size() - 1).name();
    }

    /** The index of {@code key}, or -1; a key that is no string is simply absent. */
    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int index = firstAtOrAfter(name);
        return index < sorted.size() && sorted.get(index).name().equals(name) ? index : -1;
    }

    /** The index of the first registration whose name is not below {@code key} (the size when there is none). */
    private int firstAtOrAfter(String key) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle).name().compareTo(key) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
