package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pyrons.api.Registration;

class ListAnswerTest {
    private final List<Registration> found = List.of(
            new Registration("a.x", "pyro:x@h:01", Set.of("red")),
            new Registration("a.y", "PYRO:y@h:2", Set.of()),
            new Registration("b", "PYRO:b@h:3", Set.of("red", "big")));

    @Test
    void namesToUriTextsInTheFoundOrder() {
        Map<String, Object> answer = new ListAnswer(found, false);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a.x", "pyro:x@h:01"); // as registered, as Pyro4 lists it
        expected.put("a.y", "PYRO:y@h:2");
        expected.put("b", "PYRO:b@h:3");
        assertEquals(expected, answer);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(answer.entrySet()));
        assertEquals(3, answer.size());
        assertEquals("PYRO:y@h:2", answer.get("a.y"));
        assertThrows(UnsupportedOperationException.class, () -> answer.put("c", "PYRO:c@h:4"));
        assertTrue(new ListAnswer(List.of(), true).isEmpty());
    }

    @Test
    void withMetadataEachValueIsUriAndSortedTags() {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(new ListAnswer(found, true).entrySet());
        assertEquals(List.of("a.x", "a.y", "b"), entries.stream().map(Map.Entry::getKey).toList());
        assertArrayEquals(new Object[] {"pyro:x@h:01", List.of("red")}, (Object[]) entries.get(0).getValue());
        assertArrayEquals(new Object[] {"PYRO:y@h:2", List.of()}, (Object[]) entries.get(1).getValue());
        assertArrayEquals(new Object[] {"PYRO:b@h:3", List.of("big", "red")}, (Object[]) entries.get(2).getValue());
    }

    @Test
    void storeAnswersInNameOrderAreTakenAsTheyAre() {
        List<Registration> sorted = new ArrayList<>(found);
        assertSame(sorted, StoredNameServer.byName(sorted));
    }

    @Test
    void storeAnswersOutOfOrderAreSortedAndTheLastOfANameKept() {
        Registration late = new Registration("a.x", "PYRO:late@h:9", Set.of());
        List<Registration> unsorted = new ArrayList<>(List.of(found.get(2), found.get(0), found.get(1), late));
        assertEquals(List.of(late, found.get(1), found.get(2)), StoredNameServer.byName(unsorted));
        assertEquals(List.of(found.get(0), found.get(2)),
                StoredNameServer.byName(new java.util.LinkedList<>(List.of(found.get(0), found.get(2)))));
    }
}
