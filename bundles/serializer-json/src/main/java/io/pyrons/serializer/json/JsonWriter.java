package io.pyrons.serializer.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.values.PyroClassDicts;
import io.pyrons.protocol.values.PythonTypes;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the value model as Pyro4's and Pyro5's {@code JsonSerializer} do ({@code json.dumps(data,
 * ensure_ascii=False, default=...)} encoded as UTF-8): tuples and sets become arrays, Pyro's URIs,
 * exceptions and {@code _ExceptionWrapper} their class dicts (under the protocol's names), dict keys strings as Python converts them.
 * Like Pyro4, {@code bytes} cannot travel in json and are refused.
 */
final class JsonWriter {
    private JsonWriter() {
    }

    static byte[] data(Object value, PyroProtocol protocol) {
        return write(value, protocol);
    }

    /** Pyro's {@code dumpsCall} (Pyro4's and Pyro5's): {@code {"object": .., "method": .., "params": [..], "kwargs": {..}}}. */
    static byte[] call(Invocation call, PyroProtocol protocol) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("object", call.objectId());
        envelope.put("method", call.method());
        envelope.put("params", call.args());
        // Pyro4 sends a batch without kwargs (None)
        envelope.put("kwargs", "<batch>".equals(call.method()) && call.kwargs().isEmpty() ? null : call.kwargs());
        return write(envelope, protocol);
    }

    private static byte[] write(Object value, PyroProtocol protocol) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JsonCodec.FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(new PythonSeparators());
            write(generator, value, 0, protocol);
        } catch (IOException e) {
            throw new SerializeError("cannot write json: " + e.getMessage());
        }
        return utf8(out.toString());
    }

    /**
     * UTF-8, except that a lone surrogate (which UTF-8 cannot carry and Java would replace by {@code ?}) goes out as
     * the escape {@code \\uXXXX}, which Python's {@code json.loads} reads back as that same surrogate. In JSON text
     * a lone surrogate can only stand inside a string, where the escape means exactly it.
     */
    private static byte[] utf8(String json) {
        StringBuilder escaped = null;
        int copied = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(json.length() + 16);
                }
                escaped.append(json, copied, i).append(String.format("\\u%04x", (int) c));
                copied = i + 1;
            }
        }
        if (escaped == null) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        return escaped.append(json, copied, json.length()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, Object value, int depth, PyroProtocol protocol) throws IOException {
        if (depth > PyroClassDicts.MAX_DEPTH) {
            throw new SerializeError("value nested too deeply (more than " + PyroClassDicts.MAX_DEPTH
                    + " levels, or a circular reference)");
        }
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Character c) {
            g.writeString(c.toString());
        } else if (value instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (PythonTypes.isIntegral(value)) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Object[] tuple) {
            g.writeStartArray();
            for (Object element : tuple) {
                write(g, element, depth + 1, protocol);
            }
            g.writeEndArray();
        } else if (value instanceof Collection<?> collection) {
            // lists, and sets as Pyro4's default() writes them: tuple(obj), i.e. an array
            g.writeStartArray();
            for (Object element : collection) {
                write(g, element, depth + 1, protocol);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(key(e.getKey()));
                write(g, e.getValue(), depth + 1, protocol);
            }
            g.writeEndObject();
        } else {
            Map<String, Object> classDict = PyroClassDicts.classDict(value, protocol);
            if (classDict == null) {
                throw new SerializeError("don't know how to serialize class " + pythonClass(value)
                        + " using serializer JsonSerializer");
            }
            write(g, classDict, depth + 1, protocol);
        }
    }

    /** Python's json turns str, int, float, bool and None keys into strings and refuses the others. */
    private static String key(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Character c) {
            return c.toString();
        }
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (PythonTypes.isIntegral(key)) {
            return key.toString();
        }
        if (key instanceof Double || key instanceof Float) {
            double d = ((Number) key).doubleValue();
            return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : key.toString();
        }
        throw new SerializeError("keys must be str, int, float, bool or None, not " + PythonTypes.nameOf(key));
    }

    private static String pythonClass(Object value) {
        return value instanceof byte[] ? "<class 'bytes'>" : value.getClass().getName();
    }

    /** Python's default separators: {@code ", "} between items, {@code ": "} after keys, nothing else. */
    private static final class PythonSeparators implements PrettyPrinter {
        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
            // one root value per message
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {
            // no indentation
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {
            // no indentation
        }
    }
}
