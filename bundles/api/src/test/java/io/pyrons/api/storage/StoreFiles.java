package io.pyrons.api.storage;

/**
 * A file-backed storage backend under test: the provider that opens its stores (it needs a public
 * no-argument constructor, as {@link AckingRegistrar} makes one in a child JVM) and its usual file name
 * suffix, e.g. {@code .sqlite}.
 */
public record StoreFiles(StorageProvider provider, String suffix) {
}
