package io.pyrons.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens name stores of one type. Registered as a service with {@link #TYPE} set to {@code memory},
 * {@code dbm} or {@code sql}; the name server selects one by that property.
 */
@ConsumerType
public interface StorageProvider {
    /** Service property: the storage type this provider opens. */
    String TYPE = "pyrons.storage.type";

    /** The type this provider opens ({@code memory}, {@code dbm}, {@code sql}). */
    String type();

    /**
     * Opens the store at {@code location} (the part after {@code dbm:} / {@code sql:}; empty for memory).
     * A missing file is created; an unreadable or corrupt one is a {@link StorageException} naming it,
     * and is never overwritten.
     */
    NameStorage open(String location) throws StorageException;
}
