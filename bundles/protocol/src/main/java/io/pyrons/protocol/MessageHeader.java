package io.pyrons.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.pyrons.api.ProtocolError;

/**
 * The fixed 24-byte header of a Pyro message, struct format {@code !4sHHHHiHHHH}: "PYRO", protocol version,
 * type, flags, seq, data length (signed), serializer id, annotations length, reserved, checksum.
 */
public record MessageHeader(int type, int flags, int seq, int dataLength, int serializerId, int annotationsLength)
        implements FrameHeader {
    public static final int PROTOCOL_VERSION = 48;
    public static final int SIZE = 24;
    static final int CHECKSUM_MAGIC = 0x34E9;
    private static final byte[] TAG = {'P', 'Y', 'R', 'O'};

    /**
     * Parses a header from the next {@value #SIZE} bytes of {@code buffer} (which advances). The checks and
     * their messages are Pyro4's {@code Message.from_header}; a negative data length is refused too because
     * no Pyro4 peer can produce one.
     */
    public static MessageHeader parse(ByteBuffer buffer) {
        if (buffer.remaining() < SIZE) {
            throw new ProtocolError("header data size mismatch");
        }
        ByteBuffer b = buffer.slice(buffer.position(), SIZE).order(ByteOrder.BIG_ENDIAN);
        buffer.position(buffer.position() + SIZE);
        for (byte t : TAG) {
            if (b.get() != t) {
                throw new ProtocolError("invalid data or unsupported protocol version");
            }
        }
        int version = Short.toUnsignedInt(b.getShort());
        if (version != PROTOCOL_VERSION) {
            throw new ProtocolError("invalid data or unsupported protocol version");
        }
        int type = Short.toUnsignedInt(b.getShort());
        int flags = Short.toUnsignedInt(b.getShort());
        int seq = Short.toUnsignedInt(b.getShort());
        int dataLength = b.getInt();
        int serializerId = Short.toUnsignedInt(b.getShort());
        int annotationsLength = Short.toUnsignedInt(b.getShort());
        b.getShort(); // reserved
        int checksum = Short.toUnsignedInt(b.getShort());
        if (checksum != checksum(type, version, dataLength, annotationsLength, serializerId, flags, seq)) {
            throw new ProtocolError("header checksum mismatch");
        }
        if (dataLength < 0) {
            throw new ProtocolError("invalid message size (outside range 0..2Gb)");
        }
        return new MessageHeader(type, flags, seq, dataLength, serializerId, annotationsLength);
    }

    /** Parses a header from the first {@value #SIZE} bytes of {@code bytes}. */
    public static MessageHeader parse(byte[] bytes) {
        return parse(ByteBuffer.wrap(bytes));
    }

    /** Annotations plus data: what follows the header. */
    @Override
    public long bodyLength() {
        return (long) dataLength + annotationsLength;
    }

    /** Writes this header (with its checksum) into {@code buffer}. */
    void writeTo(ByteBuffer buffer) {
        buffer.put(TAG)
              .putShort((short) PROTOCOL_VERSION)
              .putShort((short) type)
              .putShort((short) flags)
              .putShort((short) seq)
              .putInt(dataLength)
              .putShort((short) serializerId)
              .putShort((short) annotationsLength)
              .putShort((short) 0)
              .putShort((short) checksum(type, PROTOCOL_VERSION, dataLength, annotationsLength, serializerId, flags, seq));
    }

    static int checksum(int type, int version, int dataLength, int annotationsLength, int serializerId, int flags, int seq) {
        return (type + version + dataLength + annotationsLength + serializerId + flags + seq + CHECKSUM_MAGIC) & 0xffff;
    }
}
