package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.pyrons.api.Registration;

class RegistrationsByNameTest {
    private static Registration reg(String name) {
        return new Registration(name, "PYRO:" + name + "@h:1", Set.of());
    }

    private static List<Registration> regs(String... names) {
        List<Registration> list = new ArrayList<>();
        for (String name : names) {
            list.add(reg(name));
        }
        return list;
    }

    private static TreeMap<String, Registration> tree(List<Registration> registrations) {
        TreeMap<String, Registration> tree = new TreeMap<>();
        registrations.forEach(r -> tree.put(r.name(), r));
        return tree;
    }

    @Test
    void behavesAsATreeMapOfTheSameRegistrations() {
        List<Registration> list = regs("a", "a.b", "b", "b\uffff", "c.1", "c.2", "\u00e9", "\ud83d\ude00", "\uffff");
        TreeMap<String, Registration> expected = tree(list);
        SortedMap<String, Registration> map = RegistrationsByName.of(list);

        assertEquals(expected, map);
        assertEquals(map, expected);
        assertEquals(expected.hashCode(), map.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(map.keySet()));
        assertEquals(List.copyOf(expected.values()), List.copyOf(map.values()));
        assertEquals(expected.toString(), map.toString());
        assertEquals(9, map.size());
        assertEquals("a", map.firstKey());
        assertEquals("\uffff", map.lastKey());
        for (String key : List.of("", "a", "a.", "a.b", "b", "b\uffff", "c", "c.2", "c.3", "\u00e9", "\uffff", "\uffff\uffff")) {
            assertEquals(expected.get(key), map.get(key), key);
            assertEquals(expected.containsKey(key), map.containsKey(key), key);
            assertEquals(expected.headMap(key), map.headMap(key), key);
            assertEquals(List.copyOf(expected.tailMap(key).keySet()), List.copyOf(map.tailMap(key).keySet()), key);
            if (key.compareTo("c.2") <= 0) {
                assertEquals(List.copyOf(expected.subMap(key, "c.2").keySet()), List.copyOf(map.subMap(key, "c.2").keySet()), key);
            }
        }
        assertEquals(Map.of("c.1", list.get(4)), map.subMap("c", "c.2"));
        assertEquals("c.2", map.tailMap("c.2").firstKey());
        assertNull(map.get(5L));
        assertFalse(map.containsKey(null));
        assertNull(map.comparator());
    }

    @Test
    void theStoresListIsWrappedNotCopied() {
        List<Registration> list = regs("a", "b", "c");
        SortedMap<String, Registration> map = RegistrationsByName.of(list);
        assertSame(list.get(1), map.get("b"));
        list.set(1, reg("b")); // the store hands the list over; the map shows it
        assertSame(list.get(1), map.get("b"));
    }

    @Test
    void unsortedOrRepeatedNamesAreSortedAndTheLastOfANameWins() {
        List<Registration> list = regs("b", "a", "c", "a");
        SortedMap<String, Registration> map = RegistrationsByName.of(list);
        assertEquals(List.of("a", "b", "c"), List.copyOf(map.keySet()));
        assertSame(list.get(3), map.get("a"));
        assertEquals(List.of("x", "y"), List.copyOf(RegistrationsByName.of(new LinkedList<>(regs("x", "y"))).keySet()));
        assertEquals(List.of("a"), List.copyOf(RegistrationsByName.of(regs("a", "a")).keySet()));
    }

    @Test
    void anEmptyAnswer() {
        SortedMap<String, Registration> map = RegistrationsByName.of(List.of());
        assertTrue(map.isEmpty());
        assertEquals(Map.of(), map);
        assertThrows(NoSuchElementException.class, map::firstKey);
        assertThrows(NoSuchElementException.class, map::lastKey);
        assertTrue(map.headMap("z").isEmpty());
    }

    @Test
    void itIsReadOnly() {
        SortedMap<String, Registration> map = RegistrationsByName.of(regs("a", "b"));
        assertThrows(UnsupportedOperationException.class, () -> map.put("c", reg("c")));
        assertThrows(UnsupportedOperationException.class, () -> map.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> map.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = map.entrySet().iterator();
            it.next();
            it.remove();
        });
        assertThrows(IllegalArgumentException.class, () -> map.subMap("b", "a"));
        assertEquals(2, map.size());
    }
}
