package io.pyrons.client.nsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The export file: what is written reads back the same, also names JSON must escape; other files are refused. */
class NameFileTest {

    @Test
    void everyRegistrationReadsBackAsWritten() {
        var registrations = List.of(
                new NameFile.Registration("quote\"back\\slash\ttab\nline", "PYRO:a@localhost:1", Set.of("b", "a")),
                new NameFile.Registration("lone\ud800surrogate.名前😀", "PYRO:b@./u:/tmp/s.sock", Set.of()),
                new NameFile.Registration("ctl\u0001\u007f", "PYRO:c@[::1]:2", Set.of("ключ", "tag with space")));
        String text = NameFile.write(registrations);
        assertTrue(text.contains("\"lone\\ud800surrogate.名前😀\""), text);
        assertTrue(text.contains("\"metadata\": [\"a\", \"b\"]"), text);
        assertEquals(registrations, NameFile.read(text));
        assertEquals(List.of(), NameFile.read(NameFile.write(List.of())));
    }

    @Test
    void otherFilesAreRefusedSayingWhy() {
        assertEquals("not a pyrons-names file (no \"format\": \"pyrons-names\")",
                assertThrows(IllegalArgumentException.class, () -> NameFile.read("{\"names\": []}")).getMessage());
        assertEquals("unsupported pyrons-names version 2 (this pyro-nsc reads version 1)",
                assertThrows(IllegalArgumentException.class,
                        () -> NameFile.read("{\"format\": \"pyrons-names\", \"version\": 2, \"registrations\": []}")).getMessage());
        assertEquals("invalid JSON at line 2: unterminated string",
                assertThrows(IllegalArgumentException.class,
                        () -> NameFile.read("{\"format\": \"pyrons-names\",\n \"version")).getMessage());
        assertEquals("registration 1 has no string \"name\" and \"uri\"",
                assertThrows(IllegalArgumentException.class, () -> NameFile.read(
                        "{\"format\": \"pyrons-names\", \"version\": 1, \"registrations\": [{\"name\": \"x\"}]}")).getMessage());
    }
}
