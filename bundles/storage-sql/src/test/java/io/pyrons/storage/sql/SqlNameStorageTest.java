package io.pyrons.storage.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.NameStorageContract;
import io.pyrons.api.storage.StorageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqlNameStorageTest extends NameStorageContract {
    @TempDir
    Path dir;
    private int files;

    @Override
    protected NameStorage open() {
        return new SqlStorageProvider().open(dir.resolve("names" + files++ + ".sqlite").toString());
    }

    @Override
    protected NameStorage reopen(NameStorage storage) {
        String location = storage.description().substring("sql:".length());
        storage.close();
        return new SqlStorageProvider().open(location);
    }

    private Path file() {
        return Path.of(store.description().substring("sql:".length()));
    }

    /** The rows of a query on a separate, plain connection to the store's file. */
    private List<String> sql(String query) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file());
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? "|" : "").append(result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void providerOpensSqlType() {
        assertEquals("sql", new SqlStorageProvider().type());
        assertTrue(store.description().startsWith("sql:"), store.description());
        assertTrue(store.description().endsWith(".sqlite"), store.description());
    }

    @Test
    void storesInPyro4Schema() throws SQLException {
        store.put(new Registration("n", "PYRO:o@h:1", Set.of("m1", "m2")), false);
        assertEquals(List.of("n|PYRO:o@h:1"), sql("SELECT name, uri FROM pyro_names"));
        assertEquals(List.of("m1", "m2"), sql("SELECT metadata FROM pyro_metadata m JOIN pyro_names n "
                + "ON m.object = n.id WHERE n.name = 'n' ORDER BY metadata"));
        assertEquals(List.of("wal"), sql("PRAGMA journal_mode"));
    }

    @Test
    void prefixAndMetadataQueriesUseIndexes() throws SQLException {
        String plan = String.join("\n", sql("EXPLAIN QUERY PLAN " + RegistrationRows.SELECT
                + " WHERE n.name >= 'a' AND n.name < 'b'"));
        assertTrue(plan.contains("SEARCH n USING INDEX sqlite_autoindex_pyro_names_1 (name>? AND name<?)"), plan);
        assertTrue(plan.contains("pyrons_metadata_by_object"), plan);
        String metadataPlan = String.join("\n", sql("EXPLAIN QUERY PLAN SELECT object FROM pyro_metadata "
                + "WHERE metadata IN ('x', 'y')"));
        assertTrue(metadataPlan.contains("pyrons_metadata_by_value"), metadataPlan);
    }

    @Test
    void cleanCloseLeavesOneFileInRollbackJournalMode() throws SQLException {
        store.put(reg("kept", "m"), false);
        Path file = file();
        store.close();
        store = null;
        assertFalse(Files.exists(Path.of(file + "-wal")));
        assertEquals(List.of("delete"), sqlAt(file, "PRAGMA journal_mode"));
        assertEquals(List.of("kept"), sqlAt(file, "SELECT name FROM pyro_names"));
        store = new SqlStorageProvider().open(file.toString());
        assertEquals(reg("kept", "m"), store.get("kept"));
    }

    private static List<String> sqlAt(Path file, String query) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    @Test
    void unpairedSurrogateIsRefusedNotMangled() {
        StorageException error = assertThrows(StorageException.class,
                () -> store.put(reg("bad\uD800name"), false));
        assertTrue(error.getMessage().contains("unpaired surrogate"), error.getMessage());
        assertThrows(StorageException.class, () -> store.put(new Registration("n", "PYRO:o@h:1", Set.of("\uDC00")), false));
        assertEquals(0, store.count());
        assertNull(store.get("bad?name"));
    }

    @Test
    void fileNamesWithUriCharactersAreTakenLiterally() {
        Path odd = dir.resolve("odd ?name=1&x#frag%20.sqlite");
        try (NameStorage oddStore = new SqlStorageProvider().open(odd.toString())) {
            oddStore.put(reg("x"), false);
        }
        assertTrue(Files.isRegularFile(odd));
        try (NameStorage again = new SqlStorageProvider().open(odd.toString())) {
            assertEquals(List.of(reg("x")), again.all());
        }
    }

    @Test
    void manyMetadataValuesInOneQuery() {
        Set<String> many = new java.util.HashSet<>();
        for (int i = 0; i < 1200; i++) {
            many.add("tag" + i);
        }
        store.put(new Registration("full", "PYRO:o@h:1", many), false);
        store.put(reg("partial", "tag1", "tag1100"), false);
        assertEquals(List.of("full"), store.withAllMetadata(many).stream().map(Registration::name).toList());
        assertEquals(List.of("full", "partial"), store.withAnyMetadata(many).stream().map(Registration::name).toList());
    }

    @Test
    void locationMustNameAFile() {
        SqlStorageProvider provider = new SqlStorageProvider();
        assertThrows(StorageException.class, () -> provider.open(""));
        assertThrows(StorageException.class, () -> provider.open(":memory:"));
        StorageException missingDir = assertThrows(StorageException.class,
                () -> provider.open(dir.resolve("no/such/dir/ns.sqlite").toString()));
        assertTrue(missingDir.getMessage().contains("no/such/dir"), missingDir.getMessage());
        StorageException directory = assertThrows(StorageException.class, () -> provider.open(dir.toString()));
        assertTrue(directory.getMessage().contains(dir.toString()), directory.getMessage());
    }
}
