package io.pyrons.storage.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.storage.StorageException;

/**
 * A few read-only connections shared by concurrent queries. In WAL mode each query reads the last
 * committed state without waiting for the writer; a query is one SQL statement, hence one snapshot.
 */
final class ReadConnectionPool implements AutoCloseable {
    static final int SIZE = 4;
    private static final long BORROW_TIMEOUT_SECONDS = 30;
    private static final long CLOSE_WAIT_SECONDS = 10;

    /** A query on a borrowed connection. */
    @FunctionalInterface
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final String description;
    private final List<Connection> connections;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    ReadConnectionPool(SqliteFile file) throws SQLException {
        this.description = file.description();
        this.connections = new ArrayList<>(SIZE);
        try {
            for (int i = 0; i < SIZE; i++) {
                connections.add(file.openReader());
            }
        } catch (SQLException e) {
            connections.forEach(SqliteFile::closeQuietly);
            throw e;
        }
        this.idle = new ArrayBlockingQueue<>(SIZE, false, connections);
    }

    <T> T read(String what, Read<T> query) {
        Connection connection = borrow();
        try {
            return query.apply(connection);
        } catch (SQLException e) {
            throw new StorageException(description + ": " + what + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(connection);
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new StorageException(description + " is closed");
        }
        try {
            Connection connection = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (connection == null) {
                throw new StorageException(description + ": no read connection free after "
                        + BORROW_TIMEOUT_SECONDS + " s");
            }
            if (closed) {
                idle.add(connection);
                throw new StorageException(description + " is closed");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(description + ": interrupted while waiting for a read connection", e);
        }
    }

    /** Refuses new reads, waits a bounded time for reads in progress, and closes every connection. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        int returned = 0;
        try {
            while (returned < SIZE && System.nanoTime() < deadline) {
                if (idle.poll(100, TimeUnit.MILLISECONDS) != null) {
                    returned++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(SqliteFile::closeQuietly);
    }
}
