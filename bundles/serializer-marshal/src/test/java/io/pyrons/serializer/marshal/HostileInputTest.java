package io.pyrons.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.MalformedCalls;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input of every kind is a SerializeError with a clear message, never an Error, a hang or a huge allocation. */
class HostileInputTest {
    private final MarshalSerializer serializer = new MarshalSerializer();

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            b[k] = (byte) values[k];
        }
        return b;
    }

    private String refused(byte[] data) {
        return assertThrows(SerializeError.class, () -> serializer.deserializeData(data)).getMessage();
    }

    @Test
    void hugeDeclaredLengthsAllocateNothing() {
        for (int type : new int[] {'s', 'u', 'a', '(', '[', '<', '>', 't', 'A'}) {
            String message = refused(bytes(type, 0xff, 0xff, 0xff, 0x7f, 'N'));
            assertTrue(message.contains("declared") || message.contains("out of range"), message);
        }
        assertTrue(refused(bytes('s', 0xff, 0xff, 0xff, 0xff)).contains("out of range"));
        assertTrue(refused(bytes('l', 0xff, 0xff, 0xff, 0x7f, 1, 0)).contains("declared"));
        assertTrue(refused(bytes('l', 0, 0, 0, 0x80)).contains("out of range"));
    }

    @Test
    void truncatedAndUnknownData() {
        assertTrue(refused(new byte[0]).contains("EOF"));
        refused(bytes('i', 1, 2));
        refused(bytes('z', 5, 'a', 'b'));
        refused(bytes('g', 0, 0, 0));
        refused(bytes(')', 2, 'N'));
        refused(bytes('{', 'N'));
        assertTrue(refused(bytes('?')).contains("unknown type code"));
        assertTrue(refused(bytes('0')).contains("NULL"));
        assertTrue(refused(bytes('[', 1, 0, 0, 0, '0')).contains("NULL"));
        assertTrue(refused(bytes('z', 1, 0xe9)).contains("ASCII"));
        assertTrue(refused(bytes('u', 1, 0, 0, 0, 0xff)).contains("UTF-8"));
        assertTrue(refused(bytes('l', 1, 0, 0, 0, 0xff, 0xff)).contains("digit out of range"));
        assertTrue(refused(bytes('l', 1, 0, 0, 0, 0, 0)).contains("unnormalized"));
        assertThrows(SerializeError.class, () -> serializer.deserializeData(null));
    }

    @Test
    void codeObjectsAndOtherNonDataAreRefused() {
        assertTrue(refused(bytes(0xe3, 0, 0, 0, 0)).contains("code objects are refused"));
        assertTrue(refused(bytes('y', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).contains("complex"));
        refused(bytes('S'));
        refused(bytes('.'));
    }

    @Test
    void deepNestingIsBounded() {
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        for (int k = 0; k < 100_000; k++) {
            deep.write(')');
            deep.write(1);
        }
        deep.write('N');
        assertTrue(refused(deep.toByteArray()).contains("nested too deeply"));
        ByteArrayOutputStream dicts = new ByteArrayOutputStream();
        for (int k = 0; k < 50_000; k++) {
            dicts.writeBytes(bytes('{', 'z', 1, 'k'));
        }
        assertTrue(refused(dicts.toByteArray()).contains("nested too deeply"));
    }

    @Test
    void referencesCannotExplodeOrLoop() {
        // a tuple of 64 lists, each holding two references to the one before: 2**64 values in 900 bytes
        ByteArrayOutputStream laughs = new ByteArrayOutputStream();
        laughs.writeBytes(bytes(')', 64, '[' | 0x80, 0, 0, 0, 0));
        for (int k = 1; k < 64; k++) {
            laughs.writeBytes(bytes('[' | 0x80, 2, 0, 0, 0, 'r', k - 1, 0, 0, 0, 'r', k - 1, 0, 0, 0));
        }
        assertTrue(refused(laughs.toByteArray()).contains("expands too much"));
        // a list that contains itself
        assertTrue(refused(bytes('[' | 0x80, 1, 0, 0, 0, 'r', 0, 0, 0, 0)).contains("recursive"));
        assertTrue(refused(bytes('(' | 0x80, 1, 0, 0, 0, 'r', 0, 0, 0, 0)).contains("recursive"));
        assertTrue(refused(bytes('r', 0, 0, 0, 0)).contains("invalid reference"));
        assertTrue(refused(bytes('r', 0xff, 0xff, 0xff, 0xff)).contains("invalid reference"));
        // legitimate sharing still works: a tuple holding the same string twice
        Object shared = serializer.deserializeData(bytes(')', 2, 'z' | 0x80, 1, 'a', 'r', 0, 0, 0, 0));
        assertEquals(List.of("a", "a"), List.of((Object[]) shared));
    }

    @Test
    void unhashableKeysAndBadClassesAreRefused() {
        assertTrue(refused(bytes('{', '[', 0, 0, 0, 0, 'N', '0')).contains("unhashable"));
        assertTrue(refused(bytes('<', 1, 0, 0, 0, '{', '0')).contains("unhashable"));
        byte[] osSystem = serializer.serializeData(Map.of("__class__", "os.system"));
        assertEquals("unsupported serialized class: os.system", refused(osSystem));
        byte[] dunder = serializer.serializeData(Map.of("__class__", "builtins.__import__", "__exception__", true));
        assertThrows(SecurityError.class, () -> serializer.deserializeData(dunder));
    }

    @Test
    void malformedCalls() {
        MalformedCalls.assertRefused(serializer);
    }

    @Test
    void unwritableValuesAreRefused() {
        assertThrows(SerializeError.class, () -> serializer.serializeData(new Object()));
        assertThrows(SerializeError.class, () -> serializer.serializeData(Map.of(List.of(1), "list key")));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertTrue(assertThrows(SerializeError.class, () -> serializer.serializeData(cycle)).getMessage().contains("circular"));
    }
}
