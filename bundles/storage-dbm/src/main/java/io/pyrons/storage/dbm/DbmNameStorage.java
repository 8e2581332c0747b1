package io.pyrons.storage.dbm;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.WriteProbe;
import io.pyrons.api.storage.WriteStatistics;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A name store in one MVStore file: a sorted map from name to {@link RegistrationCodec encoded}
 * URI and metadata (prefix queries walk the sorted keys), and a metadata index of
 * {@link MetadataKey (metadata, name)} keys (metadata queries walk one key range per value).
 *
 * <p>Every change keeps this invariant at every instant: each metadata value of each stored registration
 * has its index entry. New entries are added before the name's value changes and obsolete ones removed
 * after, so a concurrent reader never misses a name; it may meet an obsolete entry, so index hits are
 * checked against the registration itself.
 */
final class DbmNameStorage implements NameStorage {
    private static final int CLOSE_COMPACTION_MILLIS = 200;

    private final String description;
    private final Path path;
    private final ReopenableStore stores;
    private final GroupCommit commits;
    private volatile boolean closed;

    private DbmNameStorage(MvStoreFile file, MVStore store, WriteStatistics statistics) {
        this.description = file.description();
        this.path = file.path();
        this.stores = new ReopenableStore(file, store);
        this.commits = new GroupCommit(stores, description, statistics);
    }

    static DbmNameStorage open(String location) {
        return open(location, new WriteStatistics());
    }

    /** Opens {@code location}, counting its commits in {@code statistics}. */
    static DbmNameStorage open(String location, WriteStatistics statistics) {
        if (location == null || location.isBlank()) {
            throw new StorageException("dbm storage needs a file: dbm:FILE");
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw new StorageException("dbm:" + location + " is not a valid file name: " + e.getMessage(), e);
        }
        MvStoreFile file = new MvStoreFile(path);
        PythonDbm python = file.pythonStoreBeside();
        if (python != null) {
            python.refuseIfUnreadable(file.description());
            if (!Files.exists(file.path())) {
                PythonDbmImport.run(file, python);
            }
        }
        file.checkIntact(python);
        MVStore store = file.openForWriting();
        try {
            MvStoreFile.Maps maps = MvStoreFile.Maps.of(store);
            if (maps.info().putIfAbsent(MvStoreFile.FORMAT_KEY, MvStoreFile.FORMAT) == null) {
                store.commit();
                store.sync();
            }
            return new DbmNameStorage(file, store, statistics);
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw new StorageException("cannot open " + file.description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void checkWritable() {
        WriteProbe.checkWritable(path, description);
    }

    // ---- writes ------------------------------------------------------------------------------------

    @Override
    public Registration put(Registration registration, boolean onlyIfAbsent) {
        String name = registration.name();
        return commits.write("register " + name, () -> {
            Registration previous = get(name);
            if (previous != null && onlyIfAbsent) {
                return previous;
            }
            Set<String> before = previous == null ? Set.of() : previous.metadata();
            for (String value : registration.metadata()) {
                if (!before.contains(value)) {
                    stores.maps().metadata().put(MetadataKey.of(value, name), "");
                }
            }
            stores.maps().names().put(name, RegistrationCodec.encode(registration));
            for (String value : before) {
                if (!registration.metadata().contains(value)) {
                    stores.maps().metadata().remove(MetadataKey.of(value, name));
                }
            }
            return previous;
        });
    }

    @Override
    public boolean remove(String name) {
        return commits.write("remove " + name, () -> removeNow(name));
    }

    @Override
    public int removeAll(Collection<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty()) {
            return 0;
        }
        return commits.write("remove " + copy.size() + " names", () -> {
            int removed = 0;
            for (String name : copy) {
                if (removeNow(name)) {
                    removed++;
                }
            }
            return removed;
        });
    }

    private boolean removeNow(String name) {
        Registration previous = get(name);
        if (previous == null) {
            return false;
        }
        stores.maps().names().remove(name);
        for (String value : previous.metadata()) {
            stores.maps().metadata().remove(MetadataKey.of(value, name));
        }
        return true;
    }

    // ---- queries -----------------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) {
            throw new StorageException(description + " is closed");
        }
    }

    /**
     * Runs a query on the current maps, without a lock. A query that meets its store closed under it (a write failed
     * and the store is being replaced) runs once more where no store can be swapped: however fast failed writes
     * come, a read waits for one of them at most, and then succeeds or says why the file cannot be read.
     */
    private <T> T read(Function<MvStoreFile.Maps, T> query) {
        checkOpen();
        try {
            return query.apply(stores.maps());
        } catch (MVStoreException closedUnderIt) {
            return commits.withChangesHeld(() -> {
                checkOpen();
                try {
                    return query.apply(stores.readable().maps());
                } catch (MVStoreException e) {
                    e.addSuppressed(closedUnderIt);
                    throw new StorageException(description + ": reading failed: " + ReopenableStore.reason(e), e);
                }
            });
        }
    }

    @Override
    public int count() {
        return read(maps -> maps.names().size());
    }

    @Override
    public Registration get(String name) {
        return read(maps -> {
            String value = maps.names().get(name);
            return value == null ? null : decode(name, value);
        });
    }

    private Registration decode(String name, String value) {
        try {
            return RegistrationCodec.decode(name, value);
        } catch (IllegalArgumentException e) {
            throw new StorageException(description + ": stored registration is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Registration> withPrefix(String prefix) {
        return read(maps -> withPrefix(maps, prefix));
    }

    private List<Registration> withPrefix(MvStoreFile.Maps maps, String prefix) {
        List<Registration> result = new ArrayList<>();
        // the names map iterates in String.compareTo order, where names starting with prefix are contiguous
        Cursor<String, String> cursor = maps.names().cursor(prefix);
        while (cursor.hasNext()) {
            String name = cursor.next();
            if (!name.startsWith(prefix)) {
                break;
            }
            result.add(decode(name, cursor.getValue()));
        }
        return result;
    }

    @Override
    public List<Registration> matching(Predicate<String> nameFilter) {
        return read(maps -> matching(maps, nameFilter));
    }

    private List<Registration> matching(MvStoreFile.Maps maps, Predicate<String> nameFilter) {
        List<Registration> result = new ArrayList<>();
        Cursor<String, String> cursor = maps.names().cursor(null);
        while (cursor.hasNext()) {
            String name = cursor.next();
            if (nameFilter.test(name)) {
                result.add(decode(name, cursor.getValue()));
            }
        }
        return result;
    }

    @Override
    public List<Registration> all() {
        return matching(name -> true);
    }

    /** The names whose index entries say they carry {@code value}, in name order. */
    private Set<String> indexedNames(MvStoreFile.Maps maps, String value) {
        Set<String> names = new TreeSet<>();
        String prefix = MetadataKey.prefix(value);
        Cursor<String, String> cursor = maps.metadata().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            names.add(key.substring(prefix.length()));
        }
        return names;
    }

    @Override
    public List<Registration> withAllMetadata(Set<String> metadata) {
        if (metadata.isEmpty()) {
            return all();
        }
        Set<String> candidates = read(maps -> {
            Set<String> all = null;
            for (String value : metadata) {
                Set<String> names = indexedNames(maps, value);
                if (all == null) {
                    all = names;
                } else {
                    all.retainAll(names);
                }
                if (all.isEmpty()) {
                    break;
                }
            }
            return all;
        });
        return registrations(candidates, r -> r.metadata().containsAll(metadata));
    }

    @Override
    public List<Registration> withAnyMetadata(Set<String> metadata) {
        Set<String> candidates = read(maps -> {
            Set<String> any = new HashSet<>();
            for (String value : metadata) {
                any.addAll(indexedNames(maps, value));
            }
            return any;
        });
        return registrations(candidates, r -> r.metadata().stream().anyMatch(metadata::contains));
    }

    /** The current registrations of {@code names} that still pass {@code check}, in name order. */
    private List<Registration> registrations(Set<String> names, Predicate<Registration> check) {
        Map<String, Registration> byName = new TreeMap<>();
        for (String name : names) {
            Registration registration = get(name);
            if (registration != null && check.test(registration)) {
                byName.put(registration.name(), registration);
            }
        }
        return new ArrayList<>(byName.values());
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    @Override
    public void close() {
        commits.close(() -> {
            closed = true;
            MVStore store = stores.current().store();
            if (!stores.current().writable()) {
                store.closeImmediately(); // read-only after a failed write: nothing unsaved
                return;
            }
            try {
                store.commit();
                store.sync();
                store.close(CLOSE_COMPACTION_MILLIS);
            } catch (MVStoreException e) {
                store.closeImmediately();
                throw new StorageException(description + ": closing failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public String toString() {
        return description;
    }
}
