package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;

import org.junit.jupiter.api.Test;

class PythonValuesTest {
    @Test
    void typeNamesOfPyroTypesAndOtherObjects() {
        assertEquals("str", PythonValues.typeName("x"));
        assertEquals("int", PythonValues.typeName(7L));
        assertEquals("NoneType", PythonValues.typeName(null));
        assertEquals("URI", PythonValues.typeName(PyroURI.parse("PYRO:obj@localhost:9090")));
        assertEquals("TypeError", PythonValues.typeName(PythonException.typeError("boom")));
        // Python's __name__ carries no module, so neither does a Java object's
        assertEquals("Thread", PythonValues.typeName(new Thread()));
    }

    @Test
    void unhashableValuesAreRefusedInPythonsWords() {
        PythonException error = assertThrows(PythonException.class, () -> PythonValues.requireHashable(List.of()));
        assertEquals("unhashable type: 'list'", error.getMessage());
        PythonValues.requireHashable(new Object[]{"tuple"});
    }

    @Test
    void metadataIsAnIterableOfStrOrFalsy() {
        assertEquals(List.of(), PythonValues.metadata(null, "metadata"));
        assertEquals(List.of(), PythonValues.metadata(Set.of(), "metadata"));
        assertEquals(List.of("a", "b"), PythonValues.metadata(new Object[]{"a", "b"}, "metadata"));
        assertEquals(List.of("k"), PythonValues.metadata(Map.of("k", 1L), "metadata"));
        assertEquals("metadata should not be a str, but another iterable (set, list, etc)",
                assertThrows(PythonException.class, () -> PythonValues.metadata("ab", "metadata")).getMessage());
        assertEquals("'int' object is not iterable",
                assertThrows(PythonException.class, () -> PythonValues.metadata(3L, "metadata")).getMessage());
        assertEquals("metadata_any items must be str, not int",
                assertThrows(PythonException.class, () -> PythonValues.metadata(List.of(1L), "metadata_any")).getMessage());
    }
}
