package io.pyrons.serializer.json;

import static io.pyrons.api.serializer.PyValues.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input of every kind is a SerializeError with a clear message, never an Error or a hang. */
class HostileInputTest {
    private final JsonSerializer serializer = new JsonSerializer();

    private SerializeError refused(String json) {
        return assertThrows(SerializeError.class, () -> serializer.deserializeData(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedJson() {
        assertTrue(refused("{\"a\": ").getMessage().startsWith("invalid json data"));
        refused("nul");
        refused("[1, 2,]");
        refused("");
        refused("'single'");
        assertTrue(refused("1 2").getMessage().contains("extra data"));
        SerializeError notUtf8 = assertThrows(SerializeError.class, () -> serializer.deserializeData(new byte[] {'"', (byte) 0xff, '"'}));
        assertTrue(notUtf8.getMessage().contains("not UTF-8"));
        assertThrows(SerializeError.class, () -> serializer.deserializeData(null));
    }

    @Test
    void deepNestingIsBounded() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(refused(deep).getMessage().contains("nested too deeply"), refused(deep).getMessage());
        String deepObjects = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        refused(deepObjects);
        String ok = "[".repeat(150) + "]".repeat(150);
        assertEquals(List.class, serializer.deserializeData(ok.getBytes(StandardCharsets.UTF_8)) instanceof List ? List.class : null);
    }

    @Test
    void unknownOrDangerousClassesAreRefused() {
        assertEquals("unsupported serialized class: os.system", refused("{\"__class__\": \"os.system\"}").getMessage());
        SecurityError dunder = assertThrows(SecurityError.class, () -> serializer.deserializeData(
                "[{\"__class__\": \"builtins.__import__\", \"__exception__\": true}]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(dunder.getMessage().startsWith("refused to deserialize types with double underscores"));
        refused("{\"__class__\": \"builtins.print\", \"__exception__\": true, \"args\": []}");
        refused("{\"__class__\": \"Pyro4.core.Proxy\", \"state\": []}");
        refused("{\"__class__\": \"Pyro4.core.URI\", \"state\": [\"PYRO\", \"x\"]}");
        refused("{\"__class__\": \"Pyro4.core.URI\", \"state\": [\"PYRO\", \"x\", null, \"h\", 70000]}");
        refused("{\"__class__\": \"Pyro4.errors.NamingError\", \"__exception__\": true, \"args\": 5}");
        refused("{\"__class__\": 42}");
    }

    @Test
    void malformedCalls() {
        String[] calls = {"[]", "{\"object\": \"x\", \"method\": \"m\", \"params\": []}",
            "{\"object\": 1, \"method\": \"m\", \"params\": [], \"kwargs\": {}}",
            "{\"object\": \"x\", \"method\": \"m\", \"params\": 3, \"kwargs\": {}}",
            "{\"object\": \"x\", \"method\": \"m\", \"params\": [], \"kwargs\": [1]}"};
        for (String call : calls) {
            assertThrows(SerializeError.class, () -> serializer.deserializeCall(call.getBytes(StandardCharsets.UTF_8)), call);
        }
        Invocation nulls = serializer.deserializeCall("{\"object\": \"x\", \"method\": \"m\", \"params\": null, \"kwargs\": null}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), nulls.args());
        assertEquals(Map.of(), nulls.kwargs());
    }

    @Test
    void unwritableValuesAreRefused() {
        SerializeError bytes = assertThrows(SerializeError.class, () -> serializer.serializeData(new byte[] {1}));
        assertEquals("don't know how to serialize class <class 'bytes'> using serializer JsonSerializer", bytes.getMessage());
        assertThrows(SerializeError.class, () -> serializer.serializeData(new Object()));
        assertThrows(SerializeError.class, () -> serializer.serializeData(Map.of(list(1), "list key")));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertTrue(assertThrows(SerializeError.class, () -> serializer.serializeData(cycle)).getMessage().contains("circular"));
    }

    @Test
    void keysAreConvertedAsPythonDoes() {
        byte[] json = serializer.serializeData(new java.util.LinkedHashMap<>(Map.of(1L, "a")));
        assertEquals("{\"1\": \"a\"}", new String(json, StandardCharsets.UTF_8));
    }
}
