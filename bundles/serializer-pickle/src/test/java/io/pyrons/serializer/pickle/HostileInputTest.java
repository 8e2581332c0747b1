package io.pyrons.serializer.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.MalformedCalls;
import io.pyrons.api.serializer.PyValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pickles naming anything but plain data and Pyro's own types are refused with a SecurityError; malformed
 * pickles of every kind are a SerializeError with a clear message, never an Error, a hang or a huge allocation.
 */
class HostileInputTest {
    private final PickleSerializer serializer = new PickleSerializer();

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static byte[] fixture(String name) throws IOException {
        return PyValues.fixture(HostileInputTest.class, name + ".pickle");
    }

    private String refused(byte[] data) {
        return assertThrows(SerializeError.class, () -> serializer.deserializeData(data)).getMessage();
    }

    private String forbidden(byte[] data) {
        return assertThrows(SecurityError.class, () -> serializer.deserializeData(data)).getMessage();
    }

    @Test
    void picklesFromPythonNamingDangerousGlobalsAreRefused() throws IOException {
        Path marker = Path.of("/tmp/pyrons-pickle-pwned");
        assertTrue(forbidden(fixture("hostile_os_system")).startsWith("refused to unpickle posix.system: only plain data"));
        // Python 3 writes subprocess.Popen under its Python 2 name in protocol 2
        assertTrue(forbidden(fixture("hostile_popen_protocol2")).contains("commands.Popen"));
        assertTrue(assertThrows(SecurityError.class, () -> serializer.deserializeCall(fixture("hostile_eval_in_call")))
                .getMessage().contains("builtins.eval"));
        assertTrue(forbidden(fixture("hostile_nested_in_uri_state")).contains("posix.system"));
        assertFalse(Files.exists(marker), "nothing may have run");
    }

    @Test
    void anyOtherGlobalIsRefusedWhenNamed() {
        assertTrue(forbidden(bytes("cos\nsystem\n(S'id'\ntR.")).contains("os.system"));
        assertTrue(forbidden(bytes("cbuiltins\ngetattr\n.")).contains("builtins.getattr"));
        assertTrue(forbidden(bytes("c__builtin__\neval\n.")).contains("__builtin__.eval"));
        assertTrue(forbidden(bytes(0x80, 4, 0x8c, 4, "Pyro", 0x8c, 5, "Proxy", 0x93, ".")).contains("Pyro.Proxy"));
        assertTrue(forbidden(bytes("cPyro4.core\nDaemon\n.")).contains("Pyro4.core.Daemon"));
        assertTrue(forbidden(bytes("cPyro4.errors\n__class__\n.")).contains("Pyro4.errors.__class__"));
        // INST and OBJ name classes too: refused without a lookup
        assertTrue(refused(bytes("(S'id'\nios\nsystem\n.")).contains("unsupported pickle opcode"));
        assertTrue(refused(bytes(0x80, 2, 0x82, 1, ")R.")).contains("unsupported pickle opcode")); // EXT1
        assertTrue(refused(bytes("Pfoo\n.")).contains("unsupported pickle opcode")); // PERSID
    }

    @Test
    void allowedClassesCannotBeMisused() {
        // object is only an argument of copyreg._reconstructor, never called
        refused(bytes("c__builtin__\nobject\n)R."));
        // a class is not a value
        assertTrue(refused(bytes("cPyro4.core\nURI\n.")).contains("itself is not a value"));
        // REDUCE on a plain value
        refused(bytes("S'x'\n)R."));
        // BUILD on a str
        refused(bytes("S'x'\n}b."));
        refused(bytes("cbuiltins\nset\n(I1\nI2\ntR."));
    }

    @Test
    void hugeDeclaredLengthsAllocateNothing() {
        assertTrue(refused(bytes(0x80, 4, "X", 0xff, 0xff, 0xff, 0x7f, ".")).contains("declared length"));
        assertTrue(refused(bytes(0x80, 4, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, ".")).contains("declared length"));
        assertTrue(refused(bytes(0x80, 4, 0x8d, 0, 0, 0, 0, 1, 0, 0, 0, ".")).contains("declared length"));
        assertTrue(refused(bytes(0x80, 4, "B", 0xff, 0xff, 0xff, 0xff, ".")).contains("declared length"));
        assertTrue(refused(bytes(0x80, 4, 0x8b, 0xff, 0xff, 0xff, 0x7f, ".")).contains("declared length"));
        assertTrue(refused(bytes("I" + "1".repeat(100_000) + "\n.")).contains("too long"));
    }

    @Test
    void malformedPickles() {
        refused(new byte[0]);
        refused(bytes(0x80, 4));
        refused(bytes("."));
        refused(bytes(0xff));
        assertTrue(refused(bytes("(I1\nd.")).contains("odd number"));
        refused(bytes("]I1\ns."));
        assertThrows(SerializeError.class, () -> serializer.deserializeData(null));
        assertTrue(refused(bytes("}]N" + "s.")).contains("unhashable"));
        assertTrue(refused(bytes(0x80, 4, 0x8f, "(]", 0x90, ".")).contains("unhashable"));
    }

    @Test
    void deepNestingAndSharingAreBounded() {
        String deep = "]".repeat(100_000) + "a".repeat(99_999) + ".";
        assertTrue(refused(bytes(deep)).contains("nested too deeply"));
        // 64 lists, each holding the one before twice (memo): 2**64 values in 500 bytes
        StringBuilder laughs = new StringBuilder("\u0080\u0004]\u0094");
        for (int k = 1; k < 64; k++) {
            laughs.append("](h").append((char) (k - 1)).append('h').append((char) (k - 1)).append("e\u0094");
        }
        assertTrue(refused(bytes(laughs.append('.').toString())).contains("expands too much"));
        // a list that contains itself
        assertTrue(refused(bytes(0x80, 4, "]", 0x94, "h", 0, "a.")).contains("recursive"));
    }

    @Test
    void malformedCalls() {
        MalformedCalls.assertRefused(serializer);
    }

    @Test
    void unwritableValuesAreRefused() {
        assertEquals("don't know how to serialize class java.lang.Object using serializer pickle",
                assertThrows(SerializeError.class, () -> serializer.serializeData(new Object())).getMessage());
        assertThrows(SerializeError.class, () -> serializer.serializeData(Map.of(List.of(1), "list key")));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertTrue(assertThrows(SerializeError.class, () -> serializer.serializeData(cycle)).getMessage().contains("circular"));
    }
}
