package io.pyrons.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.pyrons.api.storage.StorageException;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite database file: checks it without writing to it, and opens the writer and reader connections.
 *
 * <p>Durability: the writer runs in WAL mode with {@code synchronous=FULL}, so every COMMIT appends the
 * transaction to the WAL and fsyncs it before returning. WAL with {@code synchronous=NORMAL} would already
 * survive kill -9 of this process (the frames are in the OS page cache once written) but could lose the
 * last commits on power failure or an OS crash; FULL makes an acknowledged write survive those too, and
 * group commit pays the fsync once per batch, not once per registration. WAL also lets the readers run
 * while the writer commits.
 */
final class SqliteFile {
    /** A safety net only: in this process a single connection writes, so it never waits for itself. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private final Path path;
    private final String url;

    SqliteFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
        // a file: URI keeps '?', '#' and '%' in the path from being read as sqlite-jdbc or SQLite URI parameters
        this.url = "jdbc:sqlite:" + this.path.toUri().toASCIIString();
    }

    String description() {
        return "sql:" + path;
    }

    Path path() {
        return path;
    }

    /**
     * Refuses a file that exists but is not an intact SQLite database, before any connection could write to
     * it. Only definite verdicts (not a database, corrupt) refuse here; anything else, such as a hot journal
     * that only a writer may roll back, is left to the read-write open.
     */
    void checkIntact() {
        if (!Files.exists(path)) {
            if (!Files.isDirectory(path.getParent())) {
                throw new StorageException(description() + ": directory " + path.getParent() + " does not exist");
            }
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new StorageException(description() + ": not a regular file");
        }
        try {
            if (Files.size(path) == 0) {
                return; // SQLite treats an empty file as an empty database, as Pyro4 does
            }
        } catch (IOException e) {
            throw new StorageException(description() + ": cannot read the file: " + e, e);
        }
        try (Connection connection = connect(true);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            while (result.next()) {
                String verdict = result.getString(1);
                if (!"ok".equals(verdict)) {
                    throw new StorageException(description() + " is corrupt (" + verdict + "); the file was left as it is");
                }
            }
        } catch (SQLException e) {
            int primaryCode = e.getErrorCode() & 0xff;
            if (primaryCode == SQLITE_NOTADB || primaryCode == SQLITE_CORRUPT) {
                throw new StorageException(description() + " is not a SQLite database or is corrupt ("
                        + e.getMessage() + "); the file was left as it is", e);
            }
        }
    }

    /** The one connection that writes: WAL, fsync on every commit, Pyro4's foreign keys. */
    Connection openWriter() throws SQLException {
        Connection connection = connect(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    /** A connection that only reads; in WAL mode it sees the last commit and never blocks the writer. */
    Connection openReader() throws SQLException {
        Connection connection = connect(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only=ON");
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    private Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource.getConnection();
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort once the store is going away
        }
    }
}
