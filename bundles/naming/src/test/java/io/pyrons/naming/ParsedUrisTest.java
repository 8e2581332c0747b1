package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.pyrons.api.PyroError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;

class ParsedUrisTest {
    private final ParsedUris uris = new ParsedUris();

    @Test
    void parsesAsPyroUriDoesAndRemembersTheResult() {
        PyroURI first = uris.parse("PYRO:obj_1@localhost:51850");
        assertEquals(PyroURI.parse("PYRO:obj_1@localhost:51850"), first);
        assertSame(first, uris.parse("PYRO:obj_1@localhost:51850"));
        assertEquals("./u:/tmp/s.sock", uris.parse("PYRO:x@./u:/tmp/s.sock").location());
    }

    @Test
    void manyDifferentUrisEachComeBackRight() {
        for (int i = 0; i < 20_000; i++) {
            String text = "PYRO:o" + i + "@h" + (i % 7) + ":" + (1000 + i % 5000);
            assertEquals(text, uris.parse(text).asString());
        }
        assertEquals("PYRO:o5@h5:1005", uris.parse("PYRO:o5@h5:1005").asString());
    }

    @Test
    void invalidTextFailsEveryTimeAsPyroUri() {
        assertEquals("invalid uri", assertThrows(PyroError.class, () -> uris.parse("nonsense")).getMessage());
        assertEquals("invalid uri", assertThrows(PyroError.class, () -> uris.parse("nonsense")).getMessage());
        assertThrows(PythonException.class, () -> uris.parse(null));
    }
}
