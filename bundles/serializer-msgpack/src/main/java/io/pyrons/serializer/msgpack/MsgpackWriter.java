package io.pyrons.serializer.msgpack;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.values.PyroClassDicts;
import io.pyrons.protocol.values.PythonTypes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes the value model as Pyro5's {@code MsgpackSerializer} does ({@code msgpack.packb(data,
 * use_bin_type=True, default=...)}): str as str (UTF-8; a lone surrogate is refused, as Python's encoder refuses
 * it), bytes as bin, tuples, lists and sets as arrays, ints in the smallest format (uint 64 up to 2^64-1, beyond
 * that Pyro5's ext {@code 0x31} with the decimal digits), floats as float 64, Pyro's URIs, exceptions and
 * {@code _ExceptionWrapper} as Pyro5's class dicts. msgpack-core picks the same formats as msgpack-python
 * (fixint, uint8.., str8.., fixmap..), so a value without sets is written byte for byte as Pyro5 writes it.
 */
final class MsgpackWriter {
    private MsgpackWriter() {
    }

    /** Most messages are small (a lookup answer is ~70 bytes): the packer starts at 512 bytes, not msgpack-core's 8 KiB. */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(512);

    static byte[] data(Object value) {
        MessageBufferPacker packer = PACKER.newBufferPacker();
        try {
            write(packer, value, 0);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new SerializeError("cannot write msgpack: " + e.getMessage());
        }
    }

    /**
     * Pyro5's {@code dumpsCall}: the array {@code (object, method, vargs, kwargs)}. Pyro5's batch proxy sends
     * kwargs {@code None}: a batch without kwargs is written so.
     */
    static byte[] call(Invocation call) {
        Object kwargs = "<batch>".equals(call.method()) && call.kwargs().isEmpty() ? null : call.kwargs();
        return data(new Object[] {call.objectId(), call.method(), call.args(), kwargs});
    }

    private static void write(MessageBufferPacker p, Object value, int depth) throws IOException {
        if (depth > PyroClassDicts.MAX_DEPTH) {
            throw new SerializeError("value nested too deeply (more than " + PyroClassDicts.MAX_DEPTH
                    + " levels, or a circular reference)");
        }
        if (value == null) {
            p.packNil();
        } else if (value instanceof Boolean b) {
            p.packBoolean(b);
        } else if (value instanceof String s) {
            str(p, s);
        } else if (value instanceof Character c) {
            str(p, c.toString());
        } else if (value instanceof BigInteger big) {
            integer(p, big);
        } else if (PythonTypes.isIntegral(value)) {
            p.packLong(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            p.packDouble(((Number) value).doubleValue());
        } else if (value instanceof byte[] bytes) {
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (value instanceof Object[] tuple) {
            p.packArrayHeader(tuple.length);
            for (Object element : tuple) {
                write(p, element, depth + 1);
            }
        } else if (value instanceof Collection<?> collection) {
            // lists, and sets as Pyro5's default() writes them: tuple(obj), an array
            Object[] elements = collection.toArray();
            p.packArrayHeader(elements.length);
            for (Object element : elements) {
                write(p, element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            Object[] entries = map.entrySet().toArray();
            p.packMapHeader(entries.length);
            for (Object entry : entries) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                write(p, e.getKey(), depth + 1);
                write(p, e.getValue(), depth + 1);
            }
        } else {
            Map<String, Object> classDict = PyroClassDicts.classDict(value, PyroProtocol.PYRO5);
            if (classDict == null) {
                throw new SerializeError("don't know how to serialize class " + value.getClass().getName()
                        + " using serializer MsgpackSerializer");
            }
            write(p, classDict, depth + 1);
        }
    }

    /** msgpack-python: int 64 / uint 64 when the value fits, else Pyro5's {@code default()}: ext 0x31, {@code str(obj)}. */
    private static void integer(MessageBufferPacker p, BigInteger value) throws IOException {
        if (value.bitLength() < Long.SIZE || value.signum() > 0 && value.bitLength() == Long.SIZE) {
            p.packBigInteger(value);
        } else {
            byte[] digits = value.toString().getBytes(StandardCharsets.US_ASCII);
            p.packExtensionTypeHeader(MsgpackReader.EXT_INT, digits.length);
            p.writePayload(digits);
        }
    }

    private static void str(MessageBufferPacker p, String s) throws IOException {
        checkNoLoneSurrogate(s);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8); // exact UTF-8 once no lone surrogate is left
        p.packRawStringHeader(utf8.length);
        p.writePayload(utf8);
    }

    /** Python's UTF-8 encoder refuses a lone surrogate (Java's would write {@code ?} for it). */
    private static void checkNoLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new SerializeError(String.format("cannot write a str with a lone surrogate in msgpack: 'utf-8' codec"
                        + " can't encode character '\\u%04x' in position %d: surrogates not allowed", (int) c, i));
            }
        }
    }
}
