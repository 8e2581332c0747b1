package io.pyrons.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pyro4's json cannot write a lone surrogate (UTF-8 refuses it), but Python's {@code json.loads} reads the escape
 * {@code "\\ud800"} as one: so we read that escape, and write a lone surrogate as it instead of UTF-8's {@code ?}.
 * Characters beyond the BMP (a proper pair) still go out as UTF-8, as Pyro4 writes them.
 */
class LoneSurrogatesTest {
    private final JsonSerializer serializer = new JsonSerializer();

    private String written(Object value) {
        return new String(serializer.serializeData(value), StandardCharsets.UTF_8);
    }

    @Test
    void loneSurrogatesTravelAsEscapesPythonReads() {
        // Python 3.11: json.loads('"x\\ud800y"') == 'x\ud800y'
        assertEquals("x\ud800y", serializer.deserializeData("\"x\\ud800y\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\"x\\ud800y\"", written("x\ud800y"));
        assertEquals("{\"a\\udc80\\ud800\": [\"\\udfff\u20ac\ud83d\ude00\"]}",
                written(Map.of("a\udc80\ud800", List.of("\udfff\u20ac\ud83d\ude00"))));
        assertEquals(Map.of("a\udc80\ud800", List.of("\udfff\u20ac\ud83d\ude00")),
                serializer.deserializeData(serializer.serializeData(Map.of("a\udc80\ud800", List.of("\udfff\u20ac\ud83d\ude00")))));
    }
}
