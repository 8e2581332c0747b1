package io.pyrons.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens name stores of one type. Registered as a service with {@link #TYPE} (best written with
 * {@link StorageType}); the name server selects the provider whose type is the text before the first {@code :} of
 * its {@code storage} setting and hands it the rest. Any bundle may add a type: nothing else lists them.
 */
@ConsumerType
public interface StorageProvider {
    /** Service property: the storage type this provider opens. */
    String TYPE = "pyrons.storage.type";

    /** The type this provider opens ({@code memory}, {@code dbm}, {@code sql}), as its {@link #TYPE} property says. */
    String type();

    /**
     * Opens the store at {@code location}: the text after the first {@code :} of the {@code storage} setting,
     * empty when there is none ({@code memory}). The provider alone decides what a valid location is; one it
     * cannot use (missing, malformed, unreadable, corrupt) is a {@link StorageException} whose message says what
     * is wrong in one line, naming the store, because the name server shows that message to the user as is.
     * A missing file is created; an unreadable or corrupt one is never overwritten. The name server closes the
     * store it opened; whether the data outlives that is the backend's choice (memory keeps it while the
     * provider is active).
     */
    NameStorage open(String location) throws StorageException;
}
