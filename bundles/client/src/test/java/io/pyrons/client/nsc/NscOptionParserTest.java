package io.pyrons.client.nsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** optparse's rules as pyro4-nsc 4.82 shows them (the texts were taken from running pyro4-nsc). */
class NscOptionParserTest {
    private final NscOptionParser parser = new NscOptionParser("pyro-nsc");

    private NscOptions parse(String... args) {
        return parser.parse(List.of(args));
    }

    private String error(String... args) {
        NscExit exit = assertThrows(NscExit.class, () -> parse(args));
        assertEquals(2, exit.code());
        String prefix = parser.usage() + "\npyro-nsc: error: ";
        assertTrue(exit.text().startsWith(prefix), exit.text());
        return exit.text().substring(prefix.length()).stripTrailing();
    }

    @Test
    void shortLongAttachedAndInterspersed() {
        assertEquals(new NscOptions("h", 5, null, null, false, List.of("ping")), parse("-n", "h", "-p", "5", "ping"));
        assertEquals(new NscOptions("h", 5, "s", "k", true, List.of("list", "x")),
                parse("list", "-nh", "--port=5", "x", "--unix", "s", "-vkk"));
        assertEquals(new NscOptions(null, null, null, null, false, List.of("list", "-v", "--host")), parse("list", "--", "-v", "--host"));
        assertEquals(List.of("-", "ping"), parse("-", "ping").args());
        assertEquals(new NscOptions("b", null, null, null, true, List.of()), parse("-n", "a", "--ho=b", "--verb"));
    }

    @Test
    void portsAsOptparseReadsThem() {
        assertEquals(16, parse("-p", "0x10").port());
        assertEquals(8, parse("-p", "010").port());
        assertEquals(10, parse("-p", " 1_0 ").port());
        assertEquals(2, parse("-p", "0b10").port());
        assertEquals(-5, parse("-p", "-5").port());
        assertEquals(0, parse("-p", "0").port());
        assertEquals("option -p: invalid integer value: 'abc'", error("-p", "abc"));
        assertEquals("option --port: invalid integer value: ''", error("--port="));
        assertEquals("option -p: invalid integer value: '08'", error("-p", "08"));
        assertEquals("option -p: invalid integer value: '1__0'", error("-p", "1__0"));
    }

    @Test
    void errors() {
        assertEquals("no such option: -x", error("-x", "ping"));
        assertEquals("no such option: --nope", error("--nope"));
        assertEquals("ambiguous option: --h (--help, --host?)", error("--h", "x"));
        assertEquals("--verbose option does not take a value", error("--verbose=1"));
        assertEquals("-n option requires 1 argument", error("-n"));
        assertEquals("--host option requires 1 argument", error("ping", "--host"));
        assertEquals("-p option requires 1 argument", error("-vp"));
        assertEquals("invalid or missing command", parser.error("invalid or missing command").text()
                .substring((parser.usage() + "\npyro-nsc: error: ").length()).strip());
    }

    @Test
    void helpGoesToStdoutAtOnce() {
        NscExit help = assertThrows(NscExit.class, () -> parse("--help", "-x"));
        assertEquals(0, help.code());
        assertEquals(parser.help(), help.text());
        assertTrue(help.text().startsWith("Usage: pyro-nsc [options] command [arguments]\n"));
        assertTrue(help.text().endsWith("  -v, --verbose         verbose output\n"));
    }
}
