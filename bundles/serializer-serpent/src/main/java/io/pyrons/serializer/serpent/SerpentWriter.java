package io.pyrons.serializer.serpent;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.values.PythonRepr;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the value model as serpent text exactly as Python's serpent 1.41 writes the same Python value
 * with {@code module_in_classname=True} (what Pyro4 and Pyro5 use): same header, no spaces, dicts in iteration
 * order, Pyro's URIs, exceptions and {@code _ExceptionWrapper} as their class dicts under the names of the
 * protocol written for. Written by hand rather
 * than with serpent-java's serializer, which splits characters beyond the BMP into two surrogate escapes
 * (Python then reads two broken characters) and writes Java-style floats.
 */
final class SerpentWriter {
    static final String HEADER = "# serpent utf-8 python3.2\n";

    private final PyroProtocol protocol;

    private SerpentWriter(PyroProtocol protocol) {
        this.protocol = protocol;
    }

    static byte[] data(Object value, PyroProtocol protocol) {
        StringBuilder out = new StringBuilder(HEADER);
        new SerpentWriter(protocol).write(value, out, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Pyro's {@code dumpsCall} (the same in Pyro4 and Pyro5): the tuple {@code (objectId, method, vargs, kwargs)}. */
    static byte[] call(Invocation invocation, PyroProtocol protocol) {
        return new SerpentWriter(protocol).call(invocation);
    }

    private byte[] call(Invocation call) {
        StringBuilder out = new StringBuilder(HEADER).append('(');
        write(call.objectId(), out, 1);
        out.append(',');
        write(call.method(), out, 1);
        out.append(',');
        // Pyro4 sends a batch's calls as a list and no kwargs; a normal call's vargs are a tuple
        boolean batch = "<batch>".equals(call.method());
        write(batch ? call.args() : call.args().toArray(), out, 1);
        out.append(',');
        write(batch && call.kwargs().isEmpty() ? null : call.kwargs(), out, 1);
        out.append(')');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void write(Object value, StringBuilder out, int level) {
        if (level > LiteralParser.MAX_DEPTH) {
            throw new SerializeError("value nested too deeply (more than " + LiteralParser.MAX_DEPTH
                    + " levels, or a circular reference)");
        }
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof String s) {
            PythonRepr.string(s, out);
        } else if (value instanceof Character c) {
            PythonRepr.string(c.toString(), out);
        } else if (isIntegral(value)) {
            out.append(value);
        } else if (value instanceof Double d) {
            writeFloat(d, out);
        } else if (value instanceof Float f) {
            writeFloat(Double.parseDouble(f.toString()), out); // the float's decimal, not its binary widening
        } else if (value instanceof byte[] bytes) {
            // serpent writes the repr() of this dict, hence the spaces
            out.append("{'data': '").append(Base64.getEncoder().encodeToString(bytes)).append("', 'encoding': 'base64'}");
        } else if (value instanceof Object[] tuple) {
            writeTuple(tuple, out, level);
        } else if (value instanceof Map<?, ?> map) {
            writeDict(map, out, level);
        } else if (value instanceof Set<?> set) {
            writeSet(set, out, level);
        } else if (value instanceof Collection<?> list) {
            writeSequence(list, '[', ']', out, level);
        } else if (value instanceof PyroURI uri) {
            writeUri(uri, out, level);
        } else if (value instanceof PythonException ex) {
            writeException(ex, out, level);
        } else if (value instanceof ExceptionWrapper wrapper) {
            out.append("{'__class__':");
            PythonRepr.string(protocol.exceptionWrapperClass(), out);
            out.append(",'exception':");
            write(wrapper.exception(), out, level + 1);
            out.append('}');
        } else {
            throw new SerializeError("don't know how to serialize class " + value.getClass().getName()
                    + " using serializer serpent");
        }
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof AtomicLong || value instanceof AtomicInteger;
    }

    private static void writeFloat(double d, StringBuilder out) {
        if (Double.isNaN(d)) {
            out.append("{'__class__':'float','value':'nan'}");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "1e30000" : "-1e30000"); // overflows to inf when Python reads it
        } else {
            PythonRepr.finiteFloat(d, out);
        }
    }

    private void writeTuple(Object[] tuple, StringBuilder out, int level) {
        out.append('(');
        for (int k = 0; k < tuple.length; k++) {
            if (k > 0) {
                out.append(',');
            }
            write(tuple[k], out, level + 1);
        }
        out.append(tuple.length == 1 ? ",)" : ")");
    }

    private void writeSequence(Collection<?> items, char open, char close, StringBuilder out, int level) {
        out.append(open);
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (open == '{') {
                checkHashable(item);
            }
            write(item, out, level + 1);
        }
        out.append(close);
    }

    private void writeSet(Set<?> set, StringBuilder out, int level) {
        if (set.isEmpty()) {
            out.append("()"); // Python has no literal for an empty set; serpent writes an empty tuple
        } else {
            writeSequence(set, '{', '}', out, level);
        }
    }

    private void writeDict(Map<?, ?> map, StringBuilder out, int level) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Object key = e.getKey();
            if (key instanceof String name) {
                PythonRepr.string(name, out); // the usual key (names, attribute names): no checks needed
            } else {
                checkHashable(key);
                write(key, out, level + 1);
            }
            out.append(':');
            write(e.getValue(), out, level + 1);
        }
        out.append('}');
    }

    /** Python reads only these as dict keys and set elements (serpent's own check). */
    private static void checkHashable(Object key) {
        if (!(key instanceof String || key instanceof Character || key instanceof Boolean || key instanceof Object[]
                || isIntegral(key) || key instanceof Double || key instanceof Float)) {
            throw new SerializeError("one of the keys in a dict or set is not of a primitive hashable type: "
                    + (key == null ? "None" : key.getClass().getName()));
        }
    }

    private void writeUri(PyroURI uri, StringBuilder out, int level) {
        out.append("{'__class__':");
        PythonRepr.string(protocol.uriClass(), out);
        out.append(",'state':");
        Object object = uri.metadata() != null ? uri.metadata() : uri.object();
        write(new Object[] {uri.protocol(), object, uri.sockname(), uri.host(), uri.port()}, out, level + 1);
        out.append('}');
    }

    private void writeException(PythonException ex, StringBuilder out, int level) {
        out.append("{'__class__':");
        PythonRepr.string(protocol.exceptionClass(ex.pythonType()), out);
        out.append(",'__exception__':True,'args':");
        write(ex.args().toArray(), out, level + 1);
        out.append(",'attributes':");
        write(ex.attributes(), out, level + 1);
        out.append('}');
    }
}
