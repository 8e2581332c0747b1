package io.pyrons.storage.sql;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.WriteProbe;
import io.pyrons.api.storage.WriteStatistics;

/**
 * A name store in a SQLite file with Pyro4's schema. Writes go through {@link GroupCommitWriter} (one
 * writer connection, group commit, durable before they return); queries run on a {@link ReadConnectionPool}
 * and are answered by SQL: prefix queries as index range scans, metadata queries through the metadata
 * index. Results are sorted in Java string order.
 */
final class SqlNameStorage implements NameStorage {
    /** Metadata values bound per statement; SQLite allows far more, but one statement per size is cached. */
    static final int MAX_METADATA_PARAMETERS = 500;

    private final SqliteFile file;
    private final GroupCommitWriter writer;
    private final ReadConnectionPool readers;
    private final Object closeLock = new Object();
    private boolean closed;

    private SqlNameStorage(SqliteFile file, GroupCommitWriter writer, ReadConnectionPool readers) {
        this.file = file;
        this.writer = writer;
        this.readers = readers;
    }

    /** Opens (or creates) the database at {@code location}; see {@link io.pyrons.api.storage.StorageProvider#open}. */
    static SqlNameStorage open(String location) {
        return open(location, new WriteStatistics());
    }

    /** Opens {@code location}, counting its commits in {@code statistics}. */
    static SqlNameStorage open(String location, WriteStatistics statistics) {
        if (location == null || location.isBlank()) {
            throw new StorageException("sql storage needs a database file: sql:FILE");
        }
        if (location.equals(":memory:")) {
            // refused as Pyro4 refuses it: a volatile store is the memory storage
            throw new StorageException("sql storage does not support the sqlite :memory: database; use memory storage");
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw new StorageException("sql:" + location + " is not a valid file name: " + e.getMessage(), e);
        }
        SqliteFile file = new SqliteFile(path);
        file.checkIntact();
        Connection connection = null;
        WriterSession session = null;
        try {
            connection = file.openWriter();
            PyroSchema.ensure(connection);
            session = new WriterSession(connection);
            ReadConnectionPool readers = new ReadConnectionPool(file);
            return new SqlNameStorage(file, new GroupCommitWriter(session, file.description(), statistics), readers);
        } catch (SQLException e) {
            SqliteFile.closeQuietly(session != null ? session : connection != null ? connection : () -> { });
            throw new StorageException("cannot open " + file.description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return file.description();
    }

    @Override
    public void checkWritable() {
        WriteProbe.checkWritable(file.path(), description());
    }

    // ---- writes ------------------------------------------------------------------------------------

    @Override
    public Registration put(Registration registration, boolean onlyIfAbsent) {
        requireStorable("name", registration.name());
        requireStorable("uri", registration.uri());
        registration.metadata().forEach(value -> requireStorable("metadata", value));
        return writer.execute("register " + registration.name(), session -> session.put(registration, onlyIfAbsent));
    }

    @Override
    public boolean remove(String name) {
        return writer.execute("remove " + name, session -> session.remove(name));
    }

    @Override
    public int removeAll(Collection<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty()) {
            return 0;
        }
        return writer.execute("remove " + copy.size() + " names", session -> {
            int removed = 0;
            for (String name : copy) {
                if (session.remove(name)) {
                    removed++;
                }
            }
            return removed;
        });
    }

    /**
     * SQLite stores UTF-8, which cannot carry an unpaired surrogate (sqlite-jdbc would silently store
     * '?' instead); such a value is refused rather than stored under another name.
     */
    private void requireStorable(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new StorageException(description() + ": cannot store a " + what
                        + " with an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + " at index " + i + ")");
            }
        }
    }

    // ---- queries -----------------------------------------------------------------------------------

    @Override
    public int count() {
        return readers.read("count", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pyro_names");
                 ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        });
    }

    @Override
    public Registration get(String name) {
        List<Registration> found = query("lookup", RegistrationRows.SELECT + " WHERE n.name = ?", List.of(name), n -> true);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<Registration> withPrefix(String prefix) {
        PrefixRange range = PrefixRange.of(prefix);
        Predicate<String> startsWith = name -> name.startsWith(prefix);
        if (range.unbounded()) {
            return query("prefix list", RegistrationRows.SELECT, List.of(), startsWith);
        }
        if (range.upper().isEmpty()) {
            return query("prefix list", RegistrationRows.SELECT + " WHERE n.name >= ?", List.of(range.lower()), startsWith);
        }
        return query("prefix list", RegistrationRows.SELECT + " WHERE n.name >= ? AND n.name < ?",
                List.of(range.lower(), range.upper().get()), startsWith);
    }

    @Override
    public List<Registration> matching(Predicate<String> nameFilter) {
        return query("list", RegistrationRows.SELECT, List.of(), nameFilter);
    }

    @Override
    public List<Registration> withAllMetadata(Set<String> metadata) {
        if (metadata.isEmpty()) {
            return all();
        }
        // SQL narrows to names carrying every value of the first chunk; beyond that, Java checks the rest
        List<String> values = List.copyOf(metadata);
        List<String> chunk = values.subList(0, Math.min(values.size(), MAX_METADATA_PARAMETERS));
        List<Object> parameters = new ArrayList<>(chunk);
        parameters.add(chunk.size());
        String sql = RegistrationRows.SELECT + " WHERE n.id IN (SELECT object FROM pyro_metadata WHERE metadata IN ("
                + placeholders(chunk.size()) + ") GROUP BY object HAVING count(DISTINCT metadata) = ?)";
        List<Registration> candidates = query("metadata search", sql, parameters, n -> true);
        if (values.size() == chunk.size()) {
            return candidates;
        }
        return candidates.stream().filter(r -> r.metadata().containsAll(metadata)).toList();
    }

    @Override
    public List<Registration> withAnyMetadata(Set<String> metadata) {
        List<String> values = List.copyOf(metadata);
        Map<String, Registration> byName = new TreeMap<>();
        for (int from = 0; from < values.size(); from += MAX_METADATA_PARAMETERS) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + MAX_METADATA_PARAMETERS));
            String sql = RegistrationRows.SELECT + " WHERE n.id IN (SELECT object FROM pyro_metadata WHERE metadata IN ("
                    + placeholders(chunk.size()) + "))";
            query("metadata search", sql, List.copyOf(chunk), n -> true).forEach(r -> byName.put(r.name(), r));
        }
        return new ArrayList<>(byName.values());
    }

    @Override
    public List<Registration> all() {
        return query("list", RegistrationRows.SELECT, List.of(), n -> true);
    }

    private List<Registration> query(String what, String sql, List<?> parameters, Predicate<String> nameFilter) {
        return readers.read(what, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    query.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    return RegistrationRows.read(rows, nameFilter);
                }
            }
        });
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    /**
     * Closes the readers, lets a group in progress commit, and switches the file back to the rollback
     * journal Pyro4 uses, which also checkpoints the WAL: a cleanly closed store is one self-contained file.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        readers.close();
        writer.close(session -> {
            session.execute("PRAGMA journal_mode=DELETE");
            return null;
        });
    }

    @Override
    public String toString() {
        return description();
    }
}
