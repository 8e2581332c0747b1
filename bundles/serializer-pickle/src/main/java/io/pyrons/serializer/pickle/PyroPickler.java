package io.pyrons.serializer.pickle;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.protocol.values.PythonTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;

/**
 * razorvine's pickler (protocol 2, no memo) with Pyro's types written as Python pickles them, so a Python
 * client gets real objects: a URI is {@code Pyro4.core.URI} created by NEWOBJ and given its state tuple by
 * BUILD ({@code __setstate__}), an exception is {@code cls(*args)} plus its {@code __dict__}
 * ({@code _pyroTraceback}), an {@code _ExceptionWrapper} is created by NEWOBJ with {@code {'exception': ..}}.
 * Values are first copied into a checked tree ({@link #prepare}): nesting bounded, {@code byte[]} marked as
 * Python bytes (razorvine would write a bytearray), unknown Java types refused instead of pickled as beans.
 * One instance per message.
 */
final class PyroPickler extends Pickler {
    /** A {@code byte[]} to be written as Python {@code bytes}. */
    private record Bytes(byte[] data) {
    }

    /** An exception with prepared args and attributes. */
    private record Raised(String pythonType, Object[] args, Map<String, Object> attributes) {
    }

    /** An {@code _ExceptionWrapper} around a prepared exception. */
    private record Wrapped(Raised exception) {
    }

    private PyroPickler() {
        super(false); // no memo: razorvine's memo matches objects by hash code
    }

    static byte[] pickle(Object value) {
        try {
            return new PyroPickler().dumps(prepare(value, 0));
        } catch (IOException | RuntimeException e) {
            if (e instanceof PythonException pe) {
                throw pe;
            }
            throw new SerializeError("cannot pickle: " + e.getMessage());
        }
    }

    private static Object prepare(Object value, int depth) {
        if (depth > PickledValues.MAX_DEPTH) {
            throw new SerializeError("value nested too deeply (more than " + PickledValues.MAX_DEPTH
                    + " levels, or a circular reference)");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
                || value instanceof Float || value instanceof Character || PythonTypes.isIntegral(value)) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(bytes);
        }
        if (value instanceof Object[] tuple) {
            Object[] result = new Object[tuple.length];
            for (int k = 0; k < tuple.length; k++) {
                result[k] = prepare(tuple[k], depth + 1);
            }
            return result;
        }
        if (value instanceof Set<?> set) {
            Set<Object> result = new LinkedHashSet<>();
            for (Object element : set) {
                result.add(prepare(element, depth + 1));
            }
            return result;
        }
        if (value instanceof Collection<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object element : list) {
                result.add(prepare(element, depth + 1));
            }
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof Collection || e.getKey() instanceof Map) {
                    throw new SerializeError("unhashable " + PythonTypes.nameOf(e.getKey()) + " as dict key");
                }
                result.put(prepare(e.getKey(), depth + 1), prepare(e.getValue(), depth + 1));
            }
            return result;
        }
        if (value instanceof PyroURI uri) {
            return uri;
        }
        if (value instanceof PythonException ex) {
            return raised(ex, depth);
        }
        if (value instanceof ExceptionWrapper wrapper) {
            return new Wrapped(raised(wrapper.exception(), depth + 1));
        }
        throw new SerializeError("don't know how to serialize class " + value.getClass().getName() + " using serializer pickle");
    }

    @SuppressWarnings("unchecked")
    private static Raised raised(PythonException ex, int depth) {
        Object[] args = (Object[]) prepare(ex.args().toArray(), depth + 1);
        Map<String, Object> attributes = (Map<String, Object>) prepare(ex.attributes(), depth + 1);
        return new Raised(ex.pythonType(), args, attributes);
    }

    @Override
    protected IObjectPickler getCustomPickler(Class<?> type) {
        if (type == Bytes.class) {
            return (o, out, pickler) -> writeBytes(((Bytes) o).data(), out);
        }
        if (PyroURI.class.isAssignableFrom(type)) { // a URI parsed or built from parts: two subclasses
            return (o, out, pickler) -> writeUri((PyroURI) o, out, pickler);
        }
        if (type == Raised.class) {
            return (o, out, pickler) -> writeException((Raised) o, out, pickler);
        }
        if (type == Wrapped.class) {
            return (o, out, pickler) -> {
                global("Pyro4.futures", "_ExceptionWrapper", out);
                out.write(Opcodes.EMPTY_TUPLE);
                out.write(Opcodes.NEWOBJ);
                out.write(Opcodes.EMPTY_DICT);
                pickler.save("exception");
                pickler.save(((Wrapped) o).exception());
                out.write(Opcodes.SETITEM);
                out.write(Opcodes.BUILD);
            };
        }
        return null; // no static registry: everything else is razorvine's own
    }

    private static void writeBytes(byte[] data, OutputStream out) throws IOException {
        // a protocol 3 opcode: Python reads it whatever the PROTO header says
        out.write(Opcodes.BINBYTES);
        out.write(new byte[] {(byte) data.length, (byte) (data.length >>> 8), (byte) (data.length >>> 16), (byte) (data.length >>> 24)});
        out.write(data);
    }

    private static void writeUri(PyroURI uri, OutputStream out, Pickler pickler) throws IOException {
        global("Pyro4.core", "URI", out);
        out.write(Opcodes.EMPTY_TUPLE);
        out.write(Opcodes.NEWOBJ);
        // URI.__getstate__: (protocol, object, sockname, host, port); a PYROMETA object is a set
        Object object = uri.metadata() != null ? new LinkedHashSet<>(uri.metadata()) : uri.object();
        pickler.save(new Object[] {uri.protocol(), object, uri.sockname(), uri.host(), uri.port()});
        out.write(Opcodes.BUILD);
    }

    private static void writeException(Raised ex, OutputStream out, Pickler pickler) throws IOException {
        // BaseException.__reduce__: (cls, args) or (cls, args, __dict__)
        int dot = ex.pythonType().lastIndexOf('.');
        if (dot <= 0) {
            throw new SerializeError("cannot pickle exception type " + ex.pythonType() + ": no module");
        }
        global(ex.pythonType().substring(0, dot), ex.pythonType().substring(dot + 1), out);
        pickler.save(ex.args());
        out.write(Opcodes.REDUCE);
        if (!ex.attributes().isEmpty()) {
            pickler.save(ex.attributes());
            out.write(Opcodes.BUILD);
        }
    }

    private static void global(String module, String name, OutputStream out) throws IOException {
        out.write(Opcodes.GLOBAL);
        out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
