package io.pyrons.storage.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

/**
 * A volatile name store: names in a sorted concurrent map (prefix queries are a sub-map, O(log n + k)) and a
 * {@link MetadataIndex} (metadata queries walk only the registrations of the tags asked for).
 *
 * <p>Writers of one name serialize on that name's lock stripe so the map and the index change together;
 * readers take no lock. The count is kept in a counter because the skip list's own size() walks the map.
 */
public final class MemoryNameStorage implements NameStorage {
    private static final int STRIPES = 64;

    private final ConcurrentSkipListMap<String, Registration> names = new ConcurrentSkipListMap<>();
    private final MetadataIndex index = new MetadataIndex();
    private final SharedMetadata sharedMetadata = new SharedMetadata();
    private final AtomicInteger size = new AtomicInteger();
    private final Object[] stripes = new Object[STRIPES];
    private volatile boolean closed;

    public MemoryNameStorage() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public String description() {
        return MemoryStorageProvider.TYPE;
    }

    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public int count() {
        ensureOpen();
        return size.get();
    }

    @Override
    public Registration get(String name) {
        ensureOpen();
        return names.get(name);
    }

    @Override
    public Registration put(Registration registration, boolean onlyIfAbsent) {
        ensureOpen();
        Registration stored = withSharedMetadata(registration);
        String name = stored.name();
        synchronized (stripeOf(name)) {
            Registration previous = names.get(name);
            if (previous != null && onlyIfAbsent) {
                return previous;
            }
            names.put(name, stored);
            if (previous == null) {
                size.incrementAndGet();
            }
            index.update(previous, stored);
            return previous;
        }
    }

    @Override
    public boolean remove(String name) {
        ensureOpen();
        synchronized (stripeOf(name)) {
            Registration previous = names.remove(name);
            if (previous == null) {
                return false;
            }
            size.decrementAndGet();
            index.update(previous, null);
            return true;
        }
    }

    @Override
    public int removeAll(Collection<String> namesToRemove) {
        int removed = 0;
        for (String name : namesToRemove) {
            if (remove(name)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public List<Registration> withPrefix(String prefix) {
        ensureOpen();
        if (prefix.isEmpty()) {
            return all();
        }
        String end = successor(prefix);
        NavigableMap<String, Registration> range = end == null
                ? names.tailMap(prefix, true)
                : names.subMap(prefix, true, end, false);
        return listOf(range.values());
    }

    /**
     * The registrations, walked once into a fresh list. {@code new ArrayList<>(view)} would walk the view into a
     * list of its own, copy that to an array and the array again.
     */
    private static List<Registration> listOf(Collection<Registration> view) {
        List<Registration> result = new ArrayList<>();
        for (Registration registration : view) {
            result.add(registration);
        }
        return result;
    }

    /**
     * The smallest string greater than every string that starts with {@code prefix}: drop trailing
     * {@code \uffff} (nothing sorts above it) and increment the last char left; {@code null} when none is left.
     */
    static String successor(String prefix) {
        int last = prefix.length() - 1;
        while (last >= 0 && prefix.charAt(last) == Character.MAX_VALUE) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
    }

    @Override
    public List<Registration> matching(Predicate<String> nameFilter) {
        ensureOpen();
        List<Registration> result = new ArrayList<>();
        for (Registration registration : names.values()) {
            if (nameFilter.test(registration.name())) {
                result.add(registration);
            }
        }
        return result;
    }

    @Override
    public List<Registration> withAllMetadata(Set<String> metadata) {
        ensureOpen();
        if (metadata.isEmpty()) {
            return all();
        }
        return index.withAll(metadata);
    }

    @Override
    public List<Registration> withAnyMetadata(Set<String> metadata) {
        ensureOpen();
        return index.withAny(metadata);
    }

    @Override
    public List<Registration> all() {
        ensureOpen();
        return listOf(names.values());
    }

    @Override
    public void close() {
        closed = true;
        names.clear();
        index.clear();
        sharedMetadata.clear();
        size.set(0);
    }

    private Registration withSharedMetadata(Registration registration) {
        Set<String> shared = sharedMetadata.share(registration.metadata());
        return shared == registration.metadata()
                ? registration
                : registration.withMetadata(shared);
    }

    private Object stripeOf(String name) {
        int h = name.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("the memory store is closed");
        }
    }
}
