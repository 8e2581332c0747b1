package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.pyrons.api.Registration;

class ListAnswerTest {
    private final List<Registration> found = List.of(
            new Registration("a.x", "PYRO:x@h:1", Set.of("red")),
            new Registration("a.y", "PYRO:y@h:2", Set.of()),
            new Registration("b", "PYRO:b@h:3", Set.of("big", "red")));

    @Test
    void namesToUrisInNameOrder() {
        Map<String, Object> answer = new ListAnswer(RegistrationsByName.of(found), Registration::uri);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a.x", "PYRO:x@h:1");
        expected.put("a.y", "PYRO:y@h:2");
        expected.put("b", "PYRO:b@h:3");
        assertEquals(expected, answer);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(answer.entrySet()));
        assertEquals(3, answer.size());
        assertEquals("PYRO:y@h:2", answer.get("a.y"));
        assertTrue(answer.containsKey("b"));
        assertFalse(answer.containsKey("c"));
        assertNull(answer.get("c"));
        assertNull(answer.get(1L));
        assertThrows(UnsupportedOperationException.class, () -> answer.put("c", "PYRO:c@h:4"));
    }

    @Test
    void valuesAreMadeFromEachRegistration() {
        TreeMap<String, Registration> tree = new TreeMap<>();
        found.forEach(r -> tree.put(r.name(), r));
        Map<String, Object> answer = new ListAnswer(tree, r -> r.metadata().size());
        assertEquals(Map.of("a.x", 1, "a.y", 0, "b", 2), answer);
        assertEquals(List.of("a.x", "a.y", "b"), List.copyOf(answer.keySet()));
        assertTrue(new ListAnswer(RegistrationsByName.of(List.of()), Registration::uri).isEmpty());
    }
}
