package io.pyrons.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Pyro4's {@code SqlStorage} schema, created and migrated exactly as Pyro4 4.82 does, so that files move
 * freely between {@code pyro4-ns -s sql:FILE} and pyrons.
 *
 * <p>Pyro4 relies on the automatic unique index of {@code pyro_names.name} (which serves our prefix range
 * scans) but has no index on {@code pyro_metadata}; we add two, which Pyro4 neither needs nor disturbs:
 * by object (joining a registration's metadata) and by value (metadata queries without a scan).
 */
final class PyroSchema {
    static final String CREATE_NAMES = "CREATE TABLE pyro_names ( id integer PRIMARY KEY, "
            + "name nvarchar NOT NULL UNIQUE, uri nvarchar NOT NULL )";
    static final String CREATE_METADATA = "CREATE TABLE pyro_metadata ( object integer NOT NULL, "
            + "metadata nvarchar NOT NULL, FOREIGN KEY(object) REFERENCES pyro_names(id) )";
    static final String INDEX_METADATA_BY_OBJECT =
            "CREATE INDEX IF NOT EXISTS pyrons_metadata_by_object ON pyro_metadata(object)";
    static final String INDEX_METADATA_BY_VALUE =
            "CREATE INDEX IF NOT EXISTS pyrons_metadata_by_value ON pyro_metadata(metadata, object)";

    private PyroSchema() {
    }

    /** Creates or upgrades the schema in one transaction and checks that the tables have Pyro4's columns. */
    static void ensure(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (!tableExists(writer, "pyro_names")) {
                    statement.execute(CREATE_NAMES);
                    statement.execute(CREATE_METADATA);
                } else if (!tableExists(writer, "pyro_metadata")) {
                    // a file from a Pyro4 before metadata: migrated the way Pyro4 migrates it
                    statement.execute("ALTER TABLE pyro_names RENAME TO pyro_names_old");
                    statement.execute(CREATE_NAMES);
                    statement.execute(CREATE_METADATA);
                    statement.execute("INSERT INTO pyro_names(name, uri) SELECT name, uri FROM pyro_names_old");
                    statement.execute("DROP TABLE pyro_names_old");
                }
                statement.execute(INDEX_METADATA_BY_OBJECT);
                statement.execute(INDEX_METADATA_BY_VALUE);
                // fails early, naming the column, if a table of the same name has another shape
                statement.executeQuery("SELECT id, name, uri FROM pyro_names LIMIT 0").close();
                statement.executeQuery("SELECT object, metadata FROM pyro_metadata LIMIT 0").close();
                statement.execute("COMMIT");
            } catch (SQLException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
