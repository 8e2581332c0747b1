package io.pyrons.serializer.msgpack;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.protocol.values.PyroClassDicts;
import io.pyrons.protocol.values.PythonNumbers;
import io.pyrons.protocol.values.PythonTypes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * Pyro5's {@code msgpack.unpackb(data, raw=False, object_hook=..., ext_hook=...)} on msgpack-core's unpacker:
 * str is strict UTF-8, bin is {@code bytes}, arrays are lists (tuples and sets arrive as arrays), maps take str
 * keys (msgpack's {@code strict_map_key}; pyrons takes no bytes keys either) and a later key wins, a map with
 * {@code __class__} becomes its object as soon as it is read (the {@code object_hook}: innermost first). Ext
 * {@code 0x31} is an int beyond 64 bits as decimal ASCII; complex ({@code 0x30}), datetime ({@code 0x32}), date
 * ({@code 0x33}) and msgpack's timestamp ({@code -1}) have no place in the value model and are refused, any other
 * ext code as Pyro5 refuses it. Every length is checked against the bytes that remain before anything is
 * allocated, nesting is bounded by {@link PyroClassDicts#MAX_DEPTH}, and every failure is a {@link SerializeError}.
 */
final class MsgpackReader {
    static final byte EXT_COMPLEX = 0x30;
    static final byte EXT_INT = 0x31;
    static final byte EXT_DATETIME = 0x32;
    static final byte EXT_DATE = 0x33;
    private static final byte EXT_TIMESTAMP = -1;

    private final byte[] data;
    private final MessageUnpacker unpacker;

    private MsgpackReader(byte[] data) {
        this.data = data;
        this.unpacker = MessagePack.newDefaultUnpacker(data);
    }

    static Object read(byte[] data) {
        if (data == null) {
            throw new SerializeError("no msgpack data");
        }
        MsgpackReader reader = new MsgpackReader(data);
        try {
            if (!reader.unpacker.hasNext()) {
                throw new SerializeError("invalid msgpack data: no value");
            }
            Object value = reader.value(0);
            if (reader.unpacker.hasNext()) {
                throw new SerializeError("invalid msgpack data: extra data after the value");
            }
            return value;
        } catch (MessageSizeException e) {
            // a str, bin, array, map or ext of 2^31 or more: longer than any byte[] message
            throw new SerializeError("invalid msgpack data: incomplete input (" + e.getSize() + " announced)");
        } catch (MessagePackException | IOException e) {
            // msgpack-core's own checks: input cut short, a size beyond 2^31-1, a byte of the wrong kind
            throw new SerializeError("invalid msgpack data: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    private Object value(int depth) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    return integer(unpacker.unpackBigInteger());
                }
                return unpacker.unpackLong();
            case FLOAT:
                return unpacker.unpackDouble(); // float 32 too: Python's float is a double
            case STRING:
                return utf8(payload(unpacker.unpackRawStringHeader()));
            case BINARY:
                return payload(unpacker.unpackBinaryHeader());
            case ARRAY:
                return array(depth);
            case MAP:
                return map(depth);
            case EXTENSION:
                ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
                return extension(header.getType(), payload(header.getLength()));
            default:
                throw new SerializeError("invalid msgpack data: byte 0xc1 is never used");
        }
    }

    private List<Object> array(int depth) throws IOException {
        checkDepth(depth);
        int size = unpacker.unpackArrayHeader();
        checkRemaining(size, "array of " + size + " elements");
        List<Object> list = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            list.add(value(depth + 1));
        }
        return list;
    }

    private Object map(int depth) throws IOException {
        checkDepth(depth);
        int size = unpacker.unpackMapHeader();
        checkRemaining(2L * size, "map of " + size + " entries");
        Map<String, Object> map = new LinkedHashMap<>();
        for (int k = 0; k < size; k++) {
            Object key = value(depth + 1);
            if (!(key instanceof String name)) {
                throw new SerializeError("invalid msgpack data: a map key is a " + PythonTypes.nameOf(key) + ", not a str");
            }
            map.put(name, value(depth + 1));
        }
        // object_hook: Pyro5's dict_to_class on this dict alone, its contents already read
        return map.containsKey("__class__") ? PyroClassDicts.recreate(map, PyroProtocol.PYRO5) : map;
    }

    private static Object extension(byte type, byte[] payload) {
        switch (type) {
            case EXT_INT:
                // Pyro5: int(data), which takes ASCII only, with int()'s whitespace, sign and underscores
                for (byte b : payload) {
                    if (b < 0) {
                        throw new SerializeError("invalid msgpack data: ext 0x31 (int) is not ASCII");
                    }
                }
                BigInteger value = PythonNumbers.parseInt(new String(payload, StandardCharsets.US_ASCII), 10);
                if (value == null) {
                    throw new SerializeError("invalid msgpack data: ext 0x31 (int) is not a decimal integer");
                }
                return integer(value);
            case EXT_COMPLEX:
                throw new SerializeError("unsupported msgpack data: complex numbers (ext 0x30) are not supported");
            case EXT_DATETIME:
                throw new SerializeError("unsupported msgpack data: datetime.datetime (ext 0x32) is not supported");
            case EXT_DATE:
                throw new SerializeError("unsupported msgpack data: datetime.date (ext 0x33) is not supported");
            case EXT_TIMESTAMP:
                throw new SerializeError("unsupported msgpack data: msgpack.Timestamp (ext -1) is not supported");
            default:
                throw new SerializeError("invalid ext code for msgpack: " + type);
        }
    }

    /** The value model's int: {@code Long}, {@code BigInteger} only beyond 64 bits. */
    private static Object integer(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private byte[] payload(int length) throws IOException {
        checkRemaining(length, length + " bytes");
        return unpacker.readPayload(length);
    }

    /** Each announced element takes at least one byte: an announcement beyond the data is refused before allocating. */
    private void checkRemaining(long needed, String what) {
        long remaining = data.length - unpacker.getTotalReadBytes();
        if (needed > remaining) {
            throw new SerializeError("invalid msgpack data: incomplete input (" + what + " announced, "
                    + remaining + " bytes left)");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= PyroClassDicts.MAX_DEPTH) {
            throw new SerializeError("msgpack data nested too deeply (more than " + PyroClassDicts.MAX_DEPTH + " levels)");
        }
    }

    /** {@code raw=False}: a str must be valid UTF-8 (Python's strict decoder, which also refuses encoded surrogates). */
    private static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\ufffd') < 0) {
            return text; // nothing was replaced: the bytes were valid UTF-8
        }
        try {
            // a U+FFFD may be in the data itself: only the strict decoder tells
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SerializeError("invalid msgpack data: a str is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }
}
