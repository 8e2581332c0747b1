package io.pyrons.serializer.marshal;

import static io.pyrons.serializer.marshal.MarshalFormat.*;

import io.pyrons.api.SerializeError;
import io.pyrons.protocol.values.PyroClassDicts;
import io.pyrons.protocol.values.PythonTypes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python 3's {@code marshal.loads} for the data types of the value model, as Python 3.11 writes them:
 * references ({@code FLAG_REF} and {@code 'r'}) included, code objects and complex numbers refused. Every
 * declared length is checked against the bytes that are left before anything is allocated; nesting is
 * bounded by {@link PyroClassDicts#MAX_DEPTH}. Because references can share one object many times, each
 * object carries its expanded size (its <em>weight</em>) and no value may expand beyond the input's
 * length plus {@link #SHARING_ALLOWANCE} nodes, so a few hundred bytes cannot stand for a billion
 * values; a reference to an object still being read (a cycle) is refused. One reader per message.
 */
final class MarshalReader {
    /** How many nodes sharing by reference may add to what the bytes spell out. */
    static final long SHARING_ALLOWANCE = 1_000_000;
    /** Weight marker of a reference slot whose object is still being read. */
    private static final long IN_PROGRESS = -1;

    private final byte[] data;
    private final long maxWeight;
    private final List<Object> refs = new ArrayList<>();
    private final List<Long> refWeights = new ArrayList<>();
    private int pos;
    private int depth;
    /** The weight of the object the last {@link #read()} returned. */
    private long weight;

    private MarshalReader(byte[] data) {
        this.data = data;
        this.maxWeight = data.length + SHARING_ALLOWANCE;
    }

    /** Reads one value; like Python's {@code marshal.loads}, bytes after it are ignored. */
    static Object read(byte[] data) {
        if (data == null) {
            throw new SerializeError("no marshal data");
        }
        MarshalReader reader = new MarshalReader(data);
        Object value = reader.read();
        if (value == NullMarker.NULL) {
            throw new SerializeError("bad marshal data (NULL object)");
        }
        return value;
    }

    /** Python's {@code TYPE_NULL}: ends a dict, is no value anywhere else. */
    private enum NullMarker { NULL }

    private Object read() {
        if (++depth > PyroClassDicts.MAX_DEPTH) {
            throw new SerializeError("marshal data nested too deeply (more than " + PyroClassDicts.MAX_DEPTH + " levels)");
        }
        try {
            return readObject();
        } finally {
            depth--;
        }
    }

    private Object readObject() {
        int code = u8();
        boolean ref = (code & FLAG_REF) != 0;
        int type = code & ~FLAG_REF;
        weight = 1;
        switch (type) {
            case NULL:
                return NullMarker.NULL;
            case NONE:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case INT:
                return keep(ref, (long) i32(), 1);
            case LONG:
                return keepInt(ref, readLong());
            case BINARY_FLOAT:
                return keep(ref, Double.longBitsToDouble(i64()), 1);
            case FLOAT:
                return keep(ref, textFloat(), 1);
            case STRING: {
                byte[] bytes = take(length("bytes object"));
                return keep(ref, bytes, 1 + bytes.length / 8);
            }
            case UNICODE:
            case INTERNED: {
                String s = utf8(take(length("string")));
                return keep(ref, s, 1 + s.length() / 8);
            }
            case ASCII:
            case ASCII_INTERNED: {
                String s = ascii(take(length("string")));
                return keep(ref, s, 1 + s.length() / 8);
            }
            case SHORT_ASCII:
            case SHORT_ASCII_INTERNED: {
                String s = ascii(take(u8()));
                return keep(ref, s, 1 + s.length() / 8);
            }
            case SMALL_TUPLE:
                return readTuple(ref, u8());
            case TUPLE:
                return readTuple(ref, length("tuple"));
            case LIST:
                return readList(ref, length("list"));
            case DICT:
                return readDict(ref);
            case SET:
            case FROZENSET:
                return readSet(ref, length("set"));
            case REF:
                return reference();
            case CODE:
                throw new SerializeError("unsupported marshal data: code objects are refused");
            case COMPLEX:
            case BINARY_COMPLEX:
                throw new SerializeError("unsupported marshal data: complex numbers are not supported");
            case STOPITER:
            case ELLIPSIS:
                throw new SerializeError("unsupported marshal data: " + (type == STOPITER ? "StopIteration" : "Ellipsis"));
            default:
                throw new SerializeError("bad marshal data (unknown type code 0x" + Integer.toHexString(code) + ")");
        }
    }

    /** Puts a finished object into the reference table if flagged, and records its weight. */
    private Object keep(boolean ref, Object value, long valueWeight) {
        if (ref) {
            refs.add(value);
            refWeights.add(valueWeight);
        }
        weight = valueWeight;
        return value;
    }

    /** Reserves a reference slot for a container whose elements are read next. */
    private int reserve(boolean ref, Object container) {
        if (!ref) {
            return -1;
        }
        refs.add(container);
        refWeights.add(IN_PROGRESS);
        return refs.size() - 1;
    }

    private void complete(int slot, Object value, long valueWeight) {
        if (slot >= 0) {
            refs.set(slot, value);
            refWeights.set(slot, valueWeight);
        }
        weight = valueWeight;
    }

    private long add(long total, long part) {
        long sum = total + part;
        if (sum > maxWeight) {
            throw new SerializeError("marshal data expands too much through shared references (more than "
                    + maxWeight + " values)");
        }
        return sum;
    }

    private Object reference() {
        int index = i32();
        if (index < 0 || index >= refs.size()) {
            throw new SerializeError("bad marshal data (invalid reference)");
        }
        long refWeight = refWeights.get(index);
        if (refWeight == IN_PROGRESS) {
            throw new SerializeError("unsupported marshal data: recursive data structure");
        }
        weight = refWeight;
        return refs.get(index);
    }

    private Object[] readTuple(boolean ref, int n) {
        checkAvailable(n, "tuple");
        int slot = reserve(ref, null);
        Object[] tuple = new Object[n];
        long total = 1;
        for (int k = 0; k < n; k++) {
            tuple[k] = element("tuple");
            total = add(total, weight);
        }
        complete(slot, tuple, total);
        return tuple;
    }

    private List<Object> readList(boolean ref, int n) {
        checkAvailable(n, "list");
        List<Object> list = new ArrayList<>(n);
        int slot = reserve(ref, list);
        long total = 1;
        for (int k = 0; k < n; k++) {
            list.add(element("list"));
            total = add(total, weight);
        }
        complete(slot, list, total);
        return list;
    }

    private Map<Object, Object> readDict(boolean ref) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        int slot = reserve(ref, dict);
        long total = 1;
        while (true) {
            Object key = read();
            if (key == NullMarker.NULL) {
                break;
            }
            total = add(total, weight);
            Object value = read();
            if (value == NullMarker.NULL) {
                break; // as marshal.c: a NULL value ends the dict too
            }
            total = add(total, weight);
            dict.put(hashable(key, "dict key"), value);
        }
        complete(slot, dict, total);
        return dict;
    }

    private Set<Object> readSet(boolean ref, int n) {
        checkAvailable(n, "set");
        Set<Object> set = new LinkedHashSet<>();
        int slot = reserve(ref, set);
        long total = 1;
        for (int k = 0; k < n; k++) {
            set.add(hashable(element("set"), "set element"));
            total = add(total, weight);
        }
        complete(slot, set, total);
        return set;
    }

    private Object element(String container) {
        Object value = read();
        if (value == NullMarker.NULL) {
            throw new SerializeError("bad marshal data (NULL object in " + container + ")");
        }
        return value;
    }

    /** Python refuses lists, dicts and sets as dict keys and set elements (they are unhashable). */
    private static Object hashable(Object value, String role) {
        if (value instanceof List || value instanceof Map) {
            throw new SerializeError("bad marshal data (unhashable " + PythonTypes.nameOf(value) + " as " + role + ")");
        }
        if (value instanceof Object[] tuple) {
            for (Object element : tuple) {
                hashable(element, role);
            }
        }
        return value;
    }

    private BigInteger readLong() {
        int n = i32();
        if (n == 0) {
            return BigInteger.ZERO;
        }
        if (n == Integer.MIN_VALUE) {
            throw new SerializeError("bad marshal data (long size out of range)");
        }
        int digits = Math.abs(n);
        checkAvailable((long) digits * 2, "long");
        BigInteger value = BigInteger.ZERO;
        for (int k = 0; k < digits; k++) {
            int digit = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
            pos += 2;
            if (digit > 0x7fff) {
                throw new SerializeError("bad marshal data (digit out of range in long)");
            }
            if (digit == 0 && k == digits - 1) {
                throw new SerializeError("bad marshal data (unnormalized long data)");
            }
            value = value.or(BigInteger.valueOf(digit).shiftLeft(LONG_SHIFT * k));
        }
        return n < 0 ? value.negate() : value;
    }

    /** The value model: ints that fit 64 bits are Long, larger ones BigInteger. */
    private Object keepInt(boolean ref, BigInteger value) {
        Object number = value.bitLength() < 64 ? (Object) value.longValue() : value;
        return keep(ref, number, 1);
    }

    /** The old text float ({@code 'f'}): a length byte and {@code repr(float)}. */
    private double textFloat() {
        String text = ascii(take(u8()));
        switch (text) {
            case "nan", "-nan", "+nan":
                return Double.NaN;
            case "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    return Double.parseDouble(text);
                }
                throw new SerializeError("bad marshal data (invalid float " + text + ")");
        }
    }

    private int length(String what) {
        int n = i32();
        if (n < 0) {
            throw new SerializeError("bad marshal data (" + what + " size out of range)");
        }
        return n;
    }

    /** Every element takes at least one byte: a declared count beyond the bytes left is a lie. */
    private void checkAvailable(long n, String what) {
        if (n > data.length - pos) {
            throw new SerializeError("bad marshal data (" + what + " of " + n + " items declared, only "
                    + (data.length - pos) + " bytes left)");
        }
    }

    private byte[] take(int n) {
        checkAvailable(n, "string");
        byte[] bytes = new byte[n];
        System.arraycopy(data, pos, bytes, 0, n);
        pos += n;
        return bytes;
    }

    private int u8() {
        if (pos >= data.length) {
            throw new SerializeError("marshal data too short (EOF read where object expected)");
        }
        return data[pos++] & 0xff;
    }

    private int i32() {
        checkAvailable(4, "int");
        int value = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16 | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return value;
    }

    private long i64() {
        long low = i32() & 0xffffffffL;
        long high = i32() & 0xffffffffL;
        return high << 32 | low;
    }

    private static String ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                throw new SerializeError("bad marshal data (non-ASCII byte in an ASCII string)");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Python's marshal decodes with {@code surrogatepass}: lone surrogates are data, not errors. */
    private static String utf8(byte[] bytes) {
        return PythonUtf8.decode(bytes);
    }
}
