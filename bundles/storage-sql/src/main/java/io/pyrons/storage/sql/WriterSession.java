package io.pyrons.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import io.pyrons.api.Registration;

/**
 * The writer connection with its prepared statements: the changes of one registration in Pyro4's
 * schema, and the transaction and savepoint control that group commit wraps around them. Used by one
 * thread at a time (the group commit leader).
 */
final class WriterSession implements AutoCloseable {
    private final Connection connection;
    private final Statement control;
    private final PreparedStatement findName;
    private final PreparedStatement metadataOf;
    private final PreparedStatement insertName;
    private final PreparedStatement lastRowId;
    private final PreparedStatement updateUri;
    private final PreparedStatement deleteMetadata;
    private final PreparedStatement insertMetadata;
    private final PreparedStatement deleteName;

    WriterSession(Connection connection) throws SQLException {
        this.connection = connection;
        this.control = connection.createStatement();
        this.findName = connection.prepareStatement("SELECT id, uri FROM pyro_names WHERE name = ?");
        this.metadataOf = connection.prepareStatement("SELECT metadata FROM pyro_metadata WHERE object = ?");
        this.insertName = connection.prepareStatement("INSERT INTO pyro_names(name, uri) VALUES (?, ?)");
        this.lastRowId = connection.prepareStatement("SELECT last_insert_rowid()");
        this.updateUri = connection.prepareStatement("UPDATE pyro_names SET uri = ? WHERE id = ?");
        this.deleteMetadata = connection.prepareStatement("DELETE FROM pyro_metadata WHERE object = ?");
        this.insertMetadata = connection.prepareStatement("INSERT INTO pyro_metadata(object, metadata) VALUES (?, ?)");
        this.deleteName = connection.prepareStatement("DELETE FROM pyro_names WHERE id = ?");
    }

    // ---- registrations --------------------------------------------------------------------------

    /** Stores {@code registration} (see {@code NameStorage.put}); returns the previous one or null. */
    Registration put(Registration registration, boolean onlyIfAbsent) throws SQLException {
        Found previous = find(registration.name());
        if (previous == null) {
            insertName.setString(1, registration.name());
            insertName.setString(2, registration.uri());
            insertName.executeUpdate();
            insertMetadata(newRowId(), registration.metadata());
            return null;
        }
        if (onlyIfAbsent) {
            return previous.registration();
        }
        updateUri.setString(1, registration.uri());
        updateUri.setLong(2, previous.id());
        updateUri.executeUpdate();
        deleteMetadata.setLong(1, previous.id());
        deleteMetadata.executeUpdate();
        insertMetadata(previous.id(), registration.metadata());
        return previous.registration();
    }

    /** Removes {@code name} with its metadata; returns whether it was there. */
    boolean remove(String name) throws SQLException {
        Found found = find(name);
        if (found == null) {
            return false;
        }
        // metadata first: Pyro4's foreign key from pyro_metadata to pyro_names is enforced
        deleteMetadata.setLong(1, found.id());
        deleteMetadata.executeUpdate();
        deleteName.setLong(1, found.id());
        deleteName.executeUpdate();
        return true;
    }

    private record Found(long id, Registration registration) {
    }

    private Found find(String name) throws SQLException {
        long id;
        String uri;
        findName.setString(1, name);
        try (ResultSet row = findName.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            id = row.getLong(1);
            uri = row.getString(2);
        }
        Set<String> metadata = new HashSet<>();
        metadataOf.setLong(1, id);
        try (ResultSet rows = metadataOf.executeQuery()) {
            while (rows.next()) {
                metadata.add(rows.getString(1));
            }
        }
        return new Found(id, new Registration(name, uri, metadata));
    }

    private long newRowId() throws SQLException {
        try (ResultSet row = lastRowId.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void insertMetadata(long id, Set<String> metadata) throws SQLException {
        for (String value : metadata) {
            insertMetadata.setLong(1, id);
            insertMetadata.setString(2, value);
            insertMetadata.executeUpdate();
        }
    }

    // ---- transaction control ----------------------------------------------------------------------

    void begin() throws SQLException {
        control.execute("BEGIN IMMEDIATE");
    }

    void commit() throws SQLException {
        control.execute("COMMIT");
    }

    void rollbackQuietly() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active": the failure came before BEGIN or SQLite already rolled back
        }
    }

    void savepoint() throws SQLException {
        control.execute("SAVEPOINT write");
    }

    void releaseSavepoint() throws SQLException {
        control.execute("RELEASE write");
    }

    void rollbackToSavepoint() throws SQLException {
        control.execute("ROLLBACK TO write");
        control.execute("RELEASE write");
    }

    /** Plain SQL on the writer connection, for closing work such as leaving WAL mode. */
    void execute(String sql) throws SQLException {
        control.execute(sql);
    }

    @Override
    public void close() {
        for (AutoCloseable statement : new AutoCloseable[]{findName, metadataOf, insertName, lastRowId, updateUri,
                deleteMetadata, insertMetadata, deleteName, control, connection}) {
            SqliteFile.closeQuietly(statement);
        }
    }
}
