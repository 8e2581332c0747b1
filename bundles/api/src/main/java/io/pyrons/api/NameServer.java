package io.pyrons.api;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The phone book: Pyro4's {@code Pyro4.naming.NameServer} as a Java service. Other bundles in the same
 * framework use it directly; the {@code naming} bundle also serves it to Pyro clients as the object
 * {@value #OBJECT_ID}. Semantics and error messages are Pyro4 4.82's.
 */
@ProviderType
public interface NameServer {
    /** The object id and the registered name of the name server itself. */
    String OBJECT_ID = "Pyro.NameServer";

    /** The number of registrations (the name server's own included). */
    int count();

    /**
     * The URI registered under {@code name} ({@link Registration#parsedUri()}); {@link NamingError}
     * {@code unknown name: NAME} when absent.
     */
    PyroURI lookup(String name);

    /** The registration (URI and metadata) under {@code name}; {@link NamingError} when absent. */
    Registration lookupRegistration(String name);

    /**
     * Registers {@code uri} under {@code name}, replacing an existing registration unless {@code safe}
     * ({@link NamingError} {@code name already registered: NAME}). {@code metadata} may be {@code null}.
     * The URI must be valid (a {@link PyroError} otherwise).
     */
    void register(String name, String uri, boolean safe, Collection<String> metadata);

    /** Replaces the metadata of an existing registration ({@link NamingError} when absent). */
    void setMetadata(String name, Collection<String> metadata);

    /**
     * Pyro4's {@code remove(name, prefix, regex)}: the exact name if it is registered, else all names with
     * the prefix, else all names the regex matches; the name server's own entry is never removed.
     * Returns how many were removed.
     */
    int remove(String name, String prefix, String regex);

    /**
     * Pyro4's {@code list(prefix, regex, metadata_all, metadata_any)}: at most one filter may be given
     * (a {@code ValueError} otherwise); no filter lists everything. The regex is matched at the start of
     * the name, as Python's {@code re.match}. Sorted by name, each name once.
     */
    List<Registration> list(String prefix, String regex,
                                         Collection<String> metadataAll, Collection<String> metadataAny);

    /**
     * Yellow-pages lookup: the registrations that carry all of {@code metadataAll} and any of
     * {@code metadataAny} (either may be {@code null}); answered from the metadata index. Sorted as {@link #list}.
     */
    List<Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny);

    /** Does nothing; proves the name server answers. */
    void ping();
}
