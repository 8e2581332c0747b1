package io.pyrons.naming;

/**
 * The name server over JMX, as {@code io.pyrons:type=NameServer}: its names and its store, and the probe that
 * the "storage writable" health check runs.
 */
public interface NameServerMetricsMXBean {
    /** Registrations in the store served now (Pyro.NameServer included); -1 while the name server is unavailable. */
    int getNamesStored();

    /** Whether the name server serves from its configured store. */
    boolean isAvailable();

    /** The store served ({@code sql:/var/ns.sqlite}), or why none is. */
    String getStorage();

    /**
     * Writes a probe where the served store keeps its data, changing no name; returns the store's description,
     * or throws saying why it cannot take writes (or why no store is served).
     */
    String checkStorageWritable();
}
