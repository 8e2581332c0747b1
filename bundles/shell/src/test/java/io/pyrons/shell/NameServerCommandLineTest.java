package io.pyrons.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The ns: command lines: --help, wrong arguments (usage and one line, never Gogo's "Cannot coerce"), options. */
class NameServerCommandLineTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final NameServerCommands commands = new NameServerCommands(() -> out);
    final NameServerCommandLine line = new NameServerCommandLine(commands, () -> out);
    final FakeNameServer ns = new FakeNameServer()
            .with("Pyro.NameServer", "PYRO:Pyro.NameServer@127.0.0.1:40123", "class:Pyro4.naming.NameServer")
            .with("shop.a", "PYRO:a@127.0.0.1:1", "x")
            .with("shop.b", "PYRO:b@127.0.0.1:2");

    NameServerCommandLineTest() {
        commands.nameServer = new AbstractMap.SimpleImmutableEntry<>(Map.of(), ns);
    }

    String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsageAndRunsNothing() {
        line.lookup("--help");
        assertEquals("""
                usage: ns:lookup [-n HOST] [-p PORT] [-k KEY] NAME
                look up one name: its URI and metadata
                  -n, --host HOST  host of a remote name server (default: the one in this framework)
                  -p, --port PORT  port of a remote name server (default 9090 when a host is given)
                  -k, --key KEY    HMAC key of a remote name server
                  -h, --help       show this usage
                """, output());
        bytes.reset();
        line.register("shop.c", "-h");
        assertTrue(output().startsWith("usage: ns:register [-n HOST] [-p PORT] [-k KEY] NAME URI\n"), output());
    }

    @Test
    void wrongArgumentsPrintTheUsageAndFailWithOneLine() {
        CommandFailure missing = assertThrows(CommandFailure.class, () -> line.lookup());
        assertEquals("ns:lookup: expected NAME, got none", missing.getMessage());
        assertTrue(output().startsWith("usage: ns:lookup "), output());
        bytes.reset();
        CommandFailure many = assertThrows(CommandFailure.class, () -> line.register("a", "b", "c"));
        assertEquals("ns:register: expected NAME URI, got a b c", many.getMessage());
        CommandFailure port = assertThrows(CommandFailure.class, () -> line.ping("-p", "x"));
        assertEquals("ns:ping: the port must be a number, not 'x'", port.getMessage());
        CommandFailure option = assertThrows(CommandFailure.class, () -> line.list("--bogus"));
        assertTrue(option.getMessage().startsWith("ns:list: unknown option --bogus"), option.getMessage());
        CommandFailure value = assertThrows(CommandFailure.class, () -> line.status("-n"));
        assertEquals("ns:status: option -n needs a value", value.getMessage());
        CommandFailure storage = assertThrows(CommandFailure.class, () -> line.storage("memory", "--unset"));
        assertEquals("ns:storage: give a storage or --unset, not both", storage.getMessage());
        for (CommandFailure f : List.of(missing, many, port, option, value, storage)) {
            assertTrue(!f.getMessage().contains("\n") && f.getStackTrace().length == 0, f.getMessage());
        }
    }

    @Test
    void operandsReachTheCommands() {
        line.register("shop.c", "PYRO:c@127.0.0.1:3");
        line.lookup("--", "shop.c");
        assertEquals(List.of("shop.a", "shop.b", "shop.c"), line.names("shop."));
        assertEquals(List.of("Pyro.NameServer", "shop.a", "shop.b", "shop.c"), line.names());
        assertTrue(output().startsWith("Registered shop.c\nNAME    URI                 METADATA\nshop.c  PYRO:c@127.0.0.1:3\n"),
                output());
    }
}
