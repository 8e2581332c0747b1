package io.pyrons.storage.memory;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

/**
 * One user's access to the provider's {@link MemoryNameStorage}: closing it ends this access only, so the names
 * stay for the next name server that opens the memory store.
 */
final class OpenedMemoryStore implements NameStorage {
    private final MemoryNameStorage names;
    private volatile boolean closed;

    OpenedMemoryStore(MemoryNameStorage names) {
        this.names = names;
    }

    @Override
    public String description() {
        return names.description();
    }

    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public int count() {
        ensureOpen();
        return names.count();
    }

    @Override
    public Registration get(String name) {
        ensureOpen();
        return names.get(name);
    }

    @Override
    public Registration put(Registration registration, boolean onlyIfAbsent) {
        ensureOpen();
        return names.put(registration, onlyIfAbsent);
    }

    @Override
    public boolean remove(String name) {
        ensureOpen();
        return names.remove(name);
    }

    @Override
    public int removeAll(Collection<String> namesToRemove) {
        ensureOpen();
        return names.removeAll(namesToRemove);
    }

    @Override
    public List<Registration> withPrefix(String prefix) {
        ensureOpen();
        return names.withPrefix(prefix);
    }

    @Override
    public List<Registration> matching(Predicate<String> nameFilter) {
        ensureOpen();
        return names.matching(nameFilter);
    }

    @Override
    public List<Registration> withAllMetadata(Set<String> metadata) {
        ensureOpen();
        return names.withAllMetadata(metadata);
    }

    @Override
    public List<Registration> withAnyMetadata(Set<String> metadata) {
        ensureOpen();
        return names.withAnyMetadata(metadata);
    }

    @Override
    public List<Registration> all() {
        ensureOpen();
        return names.all();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("this access to the memory store is closed");
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
