package io.pyrons.serializer.marshal;

import static io.pyrons.serializer.marshal.MarshalFormat.*;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.values.PyroClassDicts;
import io.pyrons.protocol.values.PythonTypes;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the value model in Python 3's marshal format (version 4) as Pyro4's and Pyro5's
 * {@code MarshalSerializer} do: Pyro's URIs, exceptions and {@code _ExceptionWrapper} first become their class
 * dicts under the protocol's names ({@code convert_obj_into_marshallable}; at any depth, where Pyro5 converts only
 * the top level and fails on a URI inside a tuple). No reference table is written (Python reads objects without
 * {@code FLAG_REF} the same), strings go out as short ASCII, ASCII or UTF-8 as Python writes them.
 */
final class MarshalWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final PyroProtocol protocol;

    private MarshalWriter(PyroProtocol protocol) {
        this.protocol = protocol;
    }

    static byte[] data(Object value, PyroProtocol protocol) {
        MarshalWriter writer = new MarshalWriter(protocol);
        writer.write(value, 0);
        return writer.out.toByteArray();
    }

    /** Pyro's {@code dumpsCall} (Pyro4's and Pyro5's): the tuple {@code (object, method, vargs, kwargs)}, vargs a list. */
    static byte[] call(Invocation call, PyroProtocol protocol) {
        MarshalWriter writer = new MarshalWriter(protocol);
        writer.out.write(SMALL_TUPLE);
        writer.out.write(4);
        writer.write(call.objectId(), 1);
        writer.write(call.method(), 1);
        writer.write(call.args(), 1);
        // a batch has no kwargs (None), as Pyro4's batch proxy sends it
        writer.write("<batch>".equals(call.method()) && call.kwargs().isEmpty() ? null : call.kwargs(), 1);
        return writer.out.toByteArray();
    }

    private void write(Object value, int depth) {
        if (depth > PyroClassDicts.MAX_DEPTH) {
            throw new SerializeError("value nested too deeply (more than " + PyroClassDicts.MAX_DEPTH
                    + " levels, or a circular reference)");
        }
        if (value == null) {
            out.write(NONE);
        } else if (value instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Character c) {
            writeString(c.toString());
        } else if (value instanceof BigInteger big) {
            writeInt(big);
        } else if (PythonTypes.isIntegral(value)) {
            writeInt(BigInteger.valueOf(((Number) value).longValue()));
        } else if (value instanceof Double || value instanceof Float) {
            // a Float's decimal value, not its binary widening, as Python would have it
            double d = value instanceof Float f ? Double.parseDouble(f.toString()) : (Double) value;
            out.write(BINARY_FLOAT);
            i64(Double.doubleToRawLongBits(d));
        } else if (value instanceof byte[] bytes) {
            out.write(STRING);
            i32(bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof Object[] tuple) {
            if (tuple.length < 256) {
                out.write(SMALL_TUPLE);
                out.write(tuple.length);
            } else {
                out.write(TUPLE);
                i32(tuple.length);
            }
            for (Object element : tuple) {
                write(element, depth + 1);
            }
        } else if (value instanceof Set<?> set) {
            out.write(SET);
            i32(set.size());
            for (Object element : set) {
                write(hashable(element, "set element"), depth + 1);
            }
        } else if (value instanceof Collection<?> list) {
            out.write(LIST);
            i32(list.size());
            for (Object element : list) {
                write(element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.write(DICT);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(hashable(e.getKey(), "dict key"), depth + 1);
                write(e.getValue(), depth + 1);
            }
            out.write(NULL);
        } else {
            Map<String, Object> classDict = PyroClassDicts.classDict(value, protocol);
            if (classDict == null) {
                throw new SerializeError("don't know how to serialize class " + value.getClass().getName()
                        + " using serializer MarshalSerializer");
            }
            write(classDict, depth + 1);
        }
    }

    /** Python could not read back a dict or set whose keys are lists, dicts or sets. */
    private static Object hashable(Object key, String role) {
        if (key instanceof Collection || key instanceof Map) {
            throw new SerializeError("unhashable " + PythonTypes.nameOf(key) + " as " + role);
        }
        return key;
    }

    private void writeString(String s) {
        if (s.chars().allMatch(c -> c < 128)) {
            if (s.length() < 256) {
                out.write(SHORT_ASCII);
                out.write(s.length());
            } else {
                out.write(ASCII);
                i32(s.length());
            }
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        } else {
            byte[] utf8 = PythonUtf8.encode(s); // surrogatepass, as Python's marshal
            out.write(UNICODE);
            i32(utf8.length);
            out.writeBytes(utf8);
        }
    }

    /** {@code 'i'} for 32-bit values, otherwise {@code 'l'}: a signed digit count and base 2**15 digits. */
    private void writeInt(BigInteger value) {
        if (value.bitLength() < 32) {
            out.write(INT);
            i32(value.intValue());
            return;
        }
        BigInteger magnitude = value.abs();
        int digits = (magnitude.bitLength() + LONG_SHIFT - 1) / LONG_SHIFT;
        out.write(LONG);
        i32(value.signum() < 0 ? -digits : digits);
        for (int k = 0; k < digits; k++) {
            int digit = magnitude.shiftRight(LONG_SHIFT * k).intValue() & 0x7fff;
            out.write(digit & 0xff);
            out.write(digit >>> 8);
        }
    }

    private void i32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private void i64(long v) {
        i32((int) v);
        i32((int) (v >>> 32));
    }
}
