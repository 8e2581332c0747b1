package io.pyrons.storage.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.pyrons.api.Registration;

/**
 * Folds the rows of {@code pyro_names LEFT JOIN pyro_metadata} (columns name, uri, metadata; one row per
 * metadata value, or one row with a null metadata) into registrations in Java name order, which differs
 * from SQLite's UTF-8 byte order for characters beyond the Basic Multilingual Plane.
 */
final class RegistrationRows {
    /** The select list and join every registration query shares. */
    static final String SELECT = "SELECT n.name, n.uri, m.metadata FROM pyro_names n "
            + "LEFT JOIN pyro_metadata m ON m.object = n.id";

    private record Entry(String uri, Set<String> metadata) {
    }

    private RegistrationRows() {
    }

    static List<Registration> read(ResultSet rows, Predicate<String> nameFilter) throws SQLException {
        Map<String, Entry> byName = new TreeMap<>();
        while (rows.next()) {
            String name = rows.getString(1);
            if (!nameFilter.test(name)) {
                continue;
            }
            Entry entry = byName.get(name);
            if (entry == null) {
                entry = new Entry(rows.getString(2), new HashSet<>());
                byName.put(name, entry);
            }
            String metadata = rows.getString(3);
            if (metadata != null) {
                entry.metadata().add(metadata);
            }
        }
        List<Registration> result = new ArrayList<>(byName.size());
        byName.forEach((name, entry) -> result.add(new Registration(name, entry.uri(), entry.metadata())));
        return result;
    }
}
