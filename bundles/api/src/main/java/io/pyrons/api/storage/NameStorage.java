package io.pyrons.api.storage;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.pyrons.api.Registration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open name store. Implementations are safe for concurrent use; every mutating call is durable
 * when it returns (for persistent stores). Query results are in ascending name order.
 *
 * <p>A persistent store writes a registration's URI as its text ({@link Registration#uri()}) and reads it back with
 * {@link Registration#Registration(String, String, java.util.Collection)}, which parses it once; a stored text that
 * does not parse stays readable (listed; a lookup of it fails as in Pyro4).
 */
@ConsumerType
public interface NameStorage extends AutoCloseable {

    /** How this store is described to users, e.g. {@code memory} or {@code sql:/var/ns.sqlite}. */
    String description();

    /**
     * Whether {@link #count}, {@link #get}, {@link #put} and {@link #remove} of one name finish in microseconds
     * without I/O or waiting for other callers' I/O (an in-memory store), so the name server may answer them on
     * an I/O thread. Default false: a store that writes to disk is not.
     */
    default boolean nonBlocking() {
        return false;
    }

    /**
     * Whether {@link #count}, and {@link #get} of {@code name} unless it is null, answer now in microseconds without
     * I/O or waiting for other callers' I/O, so the name server may answer a lookup of {@code name} (or a count) on
     * an I/O thread. A store that reads from an in-memory copy of a shared namespace and asks the shared store only
     * about names its copy lacks answers true for a name the copy holds (a hit) and false for a miss. The answer holds
     * for this moment: a name removed right after it is asked about is then looked up as a miss. Default
     * {@link #nonBlocking()}.
     *
     * @since 1.4
     */
    default boolean readsWithoutBlocking(String name) {
        return nonBlocking();
    }

    /**
     * Whether this name server should run the namespace's housekeeping now (autoclean: probing every
     * registration and removing those whose server is gone). A store that several name servers share answers
     * {@code true} in one of them at a time (an elected member), so that a shared namespace is probed and cleaned
     * once rather than by every instance; the answer may change at any time. Default true: a store of one name
     * server.
     */
    default boolean housekeeper() {
        return true;
    }

    /**
     * Checks that the store can take a write now, without changing what it holds: a store on a file writes and
     * syncs a probe where its file lives (a full disk, a read-only or immutable directory fail it). Throws a
     * {@link StorageException} saying why not. Default: nothing to check (a store in memory).
     *
     * @since 1.3
     */
    default void checkWritable() {
    }

    /** The number of registrations. */
    int count();

    /** The registration under {@code name}, or {@code null}. */
    Registration get(String name);

    /**
     * Stores {@code registration}. With {@code onlyIfAbsent} an existing registration of the same name is
     * kept and returned; otherwise it is replaced. Returns the previous registration or {@code null}.
     */
    Registration put(Registration registration, boolean onlyIfAbsent);

    /** Removes {@code name}; returns whether it was there. */
    boolean remove(String name);

    /** Removes every name given; returns how many were there. */
    int removeAll(Collection<String> names);

    /** Every registration whose name starts with {@code prefix} (case-sensitive, no wildcards). */
    List<Registration> withPrefix(String prefix);

    /** Every registration whose name is accepted by {@code nameFilter}; stores may only scan. */
    List<Registration> matching(Predicate<String> nameFilter);

    /** Every registration that carries all of {@code metadata}. */
    List<Registration> withAllMetadata(Set<String> metadata);

    /** Every registration that carries at least one of {@code metadata}. */
    List<Registration> withAnyMetadata(Set<String> metadata);

    /** Every registration. */
    List<Registration> all();

    /** Releases the store; further calls fail. */
    @Override
    void close();
}
