package io.pyrons.itests.felix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;

/**
 * A storage backend that exists only in this test (type {@code fixture}, declared in its DS descriptor under
 * {@code OSGI-INF/}): one sorted map per location, kept while the component lives, as a file would be. Proof that
 * {@code storage = fixture:LOCATION} works with no edit anywhere else.
 */
public class FixtureStorageProvider implements StorageProvider {
    final Map<String, TreeMap<String, Registration>> stores = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "fixture";
    }

    @Override
    public NameStorage open(String location) {
        if (location.isEmpty()) {
            throw new StorageException("fixture storage needs a name: fixture:NAME");
        }
        return new FixtureStore("fixture:" + location, stores.computeIfAbsent(location, l -> new TreeMap<>()));
    }

    /** A synchronized sorted map behind the storage interface. */
    private static final class FixtureStore implements NameStorage {
        private final String description;
        private final TreeMap<String, Registration> names;
        private volatile boolean closed;

        FixtureStore(String description, TreeMap<String, Registration> names) {
            this.description = description;
            this.names = names;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public int count() {
            return read(() -> names.size());
        }

        @Override
        public Registration get(String name) {
            return read(() -> names.get(name));
        }

        @Override
        public Registration put(Registration registration, boolean onlyIfAbsent) {
            return read(() -> onlyIfAbsent ? names.putIfAbsent(registration.name(), registration)
                    : names.put(registration.name(), registration));
        }

        @Override
        public boolean remove(String name) {
            return read(() -> names.remove(name) != null);
        }

        @Override
        public int removeAll(Collection<String> toRemove) {
            return read(() -> (int) toRemove.stream().filter(n -> names.remove(n) != null).count());
        }

        @Override
        public List<Registration> withPrefix(String prefix) {
            return matching(name -> name.startsWith(prefix));
        }

        @Override
        public List<Registration> matching(Predicate<String> nameFilter) {
            return read(() -> new ArrayList<>(names.values().stream().filter(r -> nameFilter.test(r.name())).toList()));
        }

        @Override
        public List<Registration> withAllMetadata(Set<String> metadata) {
            return read(() -> new ArrayList<>(names.values().stream()
                    .filter(r -> r.metadata().containsAll(metadata)).toList()));
        }

        @Override
        public List<Registration> withAnyMetadata(Set<String> metadata) {
            return read(() -> new ArrayList<>(names.values().stream()
                    .filter(r -> r.metadata().stream().anyMatch(metadata::contains)).toList()));
        }

        @Override
        public List<Registration> all() {
            return read(() -> new ArrayList<>(names.values()));
        }

        @Override
        public void close() {
            closed = true;
        }

        private <T> T read(java.util.function.Supplier<T> action) {
            if (closed) {
                throw new StorageException(description + " is closed");
            }
            synchronized (names) {
                return action.get();
            }
        }
    }
}
