package io.pyrons.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pyrons.api.NamingError;

class NameServerConsoleTest {
    final FakeNameServer ns = new FakeNameServer()
            .with("Pyro.NameServer", "PYRO:Pyro.NameServer@localhost:9090", "class:Pyro4.naming.NameServer")
            .with("example.greeting", "PYRO:obj_1@localhost:51234", "blue", "animal")
            .with("example.x", "PYRO:x@h:1");
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final NameServerConsole console = new NameServerConsole(ns, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listPrintsAlignedColumnsAndACount() {
        console.list(null);
        assertEquals("""
                NAME              URI                                  METADATA
                Pyro.NameServer   PYRO:Pyro.NameServer@localhost:9090  class:Pyro4.naming.NameServer
                example.greeting  PYRO:obj_1@localhost:51234           animal,blue
                example.x         PYRO:x@h:1
                3 registrations
                """, output());
    }

    @Test
    void listWithPrefixAndMatching() {
        console.list("example.g");
        assertEquals("""
                NAME              URI                         METADATA
                example.greeting  PYRO:obj_1@localhost:51234  animal,blue
                1 registration
                """, output());
        bytes.reset();
        console.listMatching("ex.*x$");
        assertTrue(output().contains("example.x") && !output().contains("greeting"), output());
    }

    @Test
    void emptyListingStillHasTheHeader() {
        console.list("nothing");
        assertEquals("NAME  URI  METADATA\n0 registrations\n", output());
    }

    @Test
    void lookupPrintsOneRow() {
        console.lookup("example.greeting");
        assertEquals("""
                NAME              URI                         METADATA
                example.greeting  PYRO:obj_1@localhost:51234  animal,blue
                """, output());
    }

    @Test
    void lookupOfAnUnknownNameIsPyrosNamingError() {
        NamingError e = assertThrows(NamingError.class, () -> console.lookup("nope"));
        assertEquals("unknown name: nope", e.getMessage());
        assertEquals("", output());
    }

    @Test
    void registerIsSafe() {
        console.register("new.one", "PYRO:o@127.0.0.1:1");
        assertEquals("Registered new.one\n", output());
        assertEquals("PYRO:o@127.0.0.1:1", ns.names.get("new.one").uri());
        assertThrows(NamingError.class, () -> console.register("new.one", "PYRO:other@127.0.0.1:2"));
        assertEquals("PYRO:o@127.0.0.1:1", ns.names.get("new.one").uri());
    }

    @Test
    void removeSaysWhatHappened() {
        console.remove("example.x");
        console.remove("example.x");
        assertEquals("Removed example.x\nNothing removed: example.x is not registered\n", output());
    }

    @Test
    void removeMatchingCounts() {
        console.removeMatching("example\\..*");
        assertEquals("2 names removed\n", output());
        assertEquals(Set.of("Pyro.NameServer"), ns.names.keySet());
    }

    @Test
    void pingCallsTheNameServer() {
        console.ping();
        assertEquals(1, ns.pings);
        assertEquals("Name server ping ok.\n", output());
    }

    @Test
    void setMetadataReplacesAndClears() {
        console.setMetadata("example.x", "b", "a");
        assertEquals(Set.of("a", "b"), ns.names.get("example.x").metadata());
        console.setMetadata("example.x");
        assertEquals(Set.of(), ns.names.get("example.x").metadata());
        assertEquals("Metadata of example.x set to a,b\nMetadata of example.x cleared\n", output());
    }

    @Test
    void yplookupAllAndAny() {
        console.yplookup("all", "blue", "animal");
        assertTrue(output().contains("example.greeting") && output().endsWith("1 registration\n"), output());
        bytes.reset();
        console.yplookup("any", "class:Pyro4.naming.NameServer", "blue");
        assertTrue(output().endsWith("2 registrations\n"), output());
        bytes.reset();
        console.yplookup("all", "blue", "red");
        assertTrue(output().endsWith("0 registrations\n"), output());
    }

    @Test
    void yplookupRefusesBadModeAndNoTags() {
        assertEquals("first argument must be 'all' or 'any', not 'some'",
                assertThrows(CommandFailure.class, () -> console.yplookup("some", "x")).getMessage());
        assertEquals("give at least one metadata tag after 'all'",
                assertThrows(CommandFailure.class, () -> console.yplookup("all")).getMessage());
    }
}
