package io.pyrons.naming;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;

/**
 * Pyro4 4.82's {@code NameServer} over a {@link NameStorage}: same filters, truthiness rules and error texts.
 * An empty string or collection counts as "not given" where Pyro4 tests truthiness, while {@code list} counts
 * every non-null filter for its "one thing at a time" check, as Pyro4 does with {@code is not None}.
 */
final class StoredNameServer implements NameServer {
    private final NameStorage storage;
    private final NameLocks locks = new NameLocks();

    StoredNameServer(NameStorage storage) {
        this.storage = storage;
    }

    @Override
    public int count() {
        return storage.count();
    }

    @Override
    public PyroURI lookup(String name) {
        return lookupRegistration(name).parsedUri();
    }

    @Override
    public Registration lookupRegistration(String name) {
        requireName(name);
        Registration registration = storage.get(name);
        if (registration == null) {
            throw new NamingError("unknown name: " + name);
        }
        return registration;
    }

    @Override
    public void register(String name, String uri, boolean safe, Collection<String> metadata) {
        if (uri == null) {
            throw PythonException.typeError("only URIs or strings can be registered");
        }
        PyroURI parsed = PyroURI.parse(uri); // Pyro4 refuses an invalid URI before looking at anything else
        requireName(name);
        Registration registration = new Registration(name, parsed, metadataSet(metadata, "metadata"));
        var lock = locks.of(name);
        lock.lock();
        try {
            if (storage.put(registration, safe) != null && safe) {
                throw new NamingError("name already registered: " + name);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setMetadata(String name, Collection<String> metadata) {
        requireName(name);
        Set<String> tags = metadataSet(metadata, "metadata");
        var lock = locks.of(name);
        lock.lock();
        try {
            Registration current = storage.get(name);
            if (current == null) {
                throw new NamingError("unknown name: " + name);
            }
            storage.put(current.withMetadata(tags), false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remove(String name, String prefix, String regex) {
        if (name != null && !name.isEmpty() && !OBJECT_ID.equals(name)) {
            var lock = locks.of(name);
            lock.lock();
            try {
                if (storage.remove(name)) {
                    return 1;
                }
            } finally {
                lock.unlock();
            }
        }
        if (prefix != null && !prefix.isEmpty()) {
            return removeAll(storage.withPrefix(prefix));
        }
        if (regex != null && !regex.isEmpty()) {
            return removeAll(matching(regex));
        }
        return 0;
    }

    /** Whether this name server runs the namespace's housekeeping now (a shared store elects one). */
    boolean housekeeper() {
        return storage.housekeeper();
    }

    /**
     * Removes {@code name} only while it is still registered with {@code uri}: the autocleaner's removal, which
     * must not take away a registration its server renewed after the failed probe.
     */
    boolean removeIfUri(String name, String uri) {
        if (OBJECT_ID.equals(name)) {
            return false;
        }
        var lock = locks.of(name);
        lock.lock();
        try {
            Registration current = storage.get(name);
            return current != null && current.uri().equals(uri) && storage.remove(name);
        } finally {
            lock.unlock();
        }
    }

    private int removeAll(List<Registration> found) {
        List<String> names = found.stream().map(Registration::name).filter(n -> !OBJECT_ID.equals(n))
                .collect(Collectors.toList());
        if (names.isEmpty()) {
            return 0;
        }
        locks.lockAll();
        try {
            return storage.removeAll(names);
        } finally {
            locks.unlockAll();
        }
    }

    @Override
    public List<Registration> list(String prefix, String regex,
                                                Collection<String> metadataAll, Collection<String> metadataAny) {
        int filters = (prefix != null ? 1 : 0) + (regex != null ? 1 : 0) + (metadataAll != null ? 1 : 0)
                + (metadataAny != null ? 1 : 0);
        if (filters > 1) {
            throw PythonException.valueError("you can only filter on one thing at a time");
        }
        if (prefix != null && !prefix.isEmpty()) {
            return byName(storage.withPrefix(prefix));
        }
        if (regex != null && !regex.isEmpty()) {
            return byName(matching(regex));
        }
        if (metadataAll != null && !metadataAll.isEmpty()) {
            return byName(storage.withAllMetadata(metadataSet(metadataAll, "metadata_all")));
        }
        if (metadataAny != null && !metadataAny.isEmpty()) {
            return byName(storage.withAnyMetadata(metadataSet(metadataAny, "metadata_any")));
        }
        return byName(storage.all());
    }

    @Override
    public List<Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny) {
        boolean all = metadataAll != null && !metadataAll.isEmpty();
        boolean any = metadataAny != null && !metadataAny.isEmpty();
        if (all && any) {
            Set<String> anyTags = metadataSet(metadataAny, "metadata_any");
            return byName(storage.withAllMetadata(metadataSet(metadataAll, "metadata_all")).stream()
                    .filter(r -> r.metadata().stream().anyMatch(anyTags::contains)).toList());
        }
        if (all) {
            return byName(storage.withAllMetadata(metadataSet(metadataAll, "metadata_all")));
        }
        if (any) {
            return byName(storage.withAnyMetadata(metadataSet(metadataAny, "metadata_any")));
        }
        return byName(List.of());
    }

    @Override
    public void ping() {
        // answering at all is the point
    }

    private List<Registration> matching(String regex) {
        return storage.matching(PythonRegex.nameFilter(regex));
    }

    /**
     * The store's answer as it is when it is in strictly ascending name order, which every store promises (and
     * returns a fresh list); otherwise sorted into a copy, of a repeated name the last registration kept.
     */
    static List<Registration> byName(List<Registration> registrations) {
        if (registrations instanceof RandomAccess && isStrictlyAscending(registrations)) {
            return registrations;
        }
        // a store that broke its contract: correct answers matter more than the copy
        TreeMap<String, Registration> byName = new TreeMap<>();
        for (Registration registration : registrations) {
            byName.put(registration.name(), registration);
        }
        return new ArrayList<>(byName.values());
    }

    private static boolean isStrictlyAscending(List<Registration> registrations) {
        for (int i = 1; i < registrations.size(); i++) {
            if (registrations.get(i - 1).name().compareTo(registrations.get(i).name()) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireName(String name) {
        if (name == null) {
            throw PythonException.typeError("name must be a str");
        }
    }

    private static Set<String> metadataSet(Collection<String> metadata, String what) {
        if (metadata == null || metadata.isEmpty()) {
            return Set.of();
        }
        for (String tag : metadata) {
            if (tag == null) {
                throw PythonException.typeError(what + " items must be str, not NoneType");
            }
        }
        return Set.copyOf(metadata);
    }
}
