package io.pyrons.serializer.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.pyrons.api.SerializeError;
import io.pyrons.protocol.values.PyroClassDicts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.loads(data.decode('utf-8'))} on Jackson's streaming parser: objects become
 * {@code Map<String, Object>} (later keys win, as in Python), arrays {@code List}, integers {@code Long}
 * or {@code BigInteger}, other numbers {@code Double} (including NaN and Infinity). Nesting is bounded
 * by {@link PyroClassDicts#MAX_DEPTH}; every failure is a {@link SerializeError}.
 */
final class JsonReader {
    private JsonReader() {
    }

    static Object read(byte[] data) {
        if (data == null) {
            throw new SerializeError("no json data");
        }
        String text = utf8(data);
        try (JsonParser parser = JsonCodec.FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new SerializeError("invalid json data: no value");
            }
            Object value = value(parser, token, 0);
            if (parser.nextToken() != null) {
                throw new SerializeError("invalid json data: extra data after the value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new SerializeError("json data nested too deeply or too large: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SerializeError("invalid json data: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SerializeError("invalid json data: " + e.getMessage());
        }
    }

    /** Pyro4 decodes strictly ({@code bytes.decode('utf-8')}): malformed UTF-8 is an error, not a replacement. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new SerializeError("invalid json data: not UTF-8 (" + e.getMessage() + ")");
        }
    }

    private static Object value(JsonParser parser, JsonToken token, int depth) throws IOException {
        switch (token) {
            case START_OBJECT:
                checkDepth(depth);
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    object.put(key, value(parser, parser.nextToken(), depth + 1));
                }
                return object;
            case START_ARRAY:
                checkDepth(depth);
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t, depth + 1));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new SerializeError("invalid json data: unexpected " + token);
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= PyroClassDicts.MAX_DEPTH) {
            throw new SerializeError("json data nested too deeply (more than " + PyroClassDicts.MAX_DEPTH + " levels)");
        }
    }
}
