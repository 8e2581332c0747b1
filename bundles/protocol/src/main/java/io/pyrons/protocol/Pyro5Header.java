package io.pyrons.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.pyrons.api.ProtocolError;

/**
 * The 40-byte header of a Pyro5 message (protocol 502), struct format {@code !4sHBBHHII16sHH}: "PYRO", version,
 * type, serializer id, flags, seq, data length, annotations length, correlation id, reserved, magic
 * {@code 0x4DC5}. No checksum. The correlation id means something only with {@link Pyro5Codec#FLAG_CORR_ID}.
 */
public record Pyro5Header(int type, int serializerId, int flags, int seq, long dataLength, long annotationsLength,
                          byte[] correlationId) implements FrameHeader {
    public static final int VERSION = 502;
    public static final int SIZE = 40;
    public static final int MAGIC = 0x4DC5;
    private static final byte[] TAG = {'P', 'Y', 'R', 'O'};

    /**
     * Parses the next {@value #SIZE} bytes of {@code buffer} (which advances), with Pyro5's checks and texts
     * ({@code Pyro5.protocol.ReceivingMessage.validate} and {@code from_header}).
     */
    public static Pyro5Header parse(ByteBuffer buffer) {
        if (buffer.remaining() < SIZE) {
            throw new ProtocolError("header data size mismatch");
        }
        ByteBuffer b = buffer.slice(buffer.position(), SIZE).order(ByteOrder.BIG_ENDIAN);
        buffer.position(buffer.position() + SIZE);
        for (byte t : TAG) {
            if (b.get() != t) {
                throw new ProtocolError("invalid data");
            }
        }
        int version = Short.toUnsignedInt(b.getShort());
        if (version != VERSION) {
            throw new ProtocolError("invalid protocol version: " + version);
        }
        int type = Byte.toUnsignedInt(b.get());
        int serializerId = Byte.toUnsignedInt(b.get());
        int flags = Short.toUnsignedInt(b.getShort());
        int seq = Short.toUnsignedInt(b.getShort());
        long dataLength = Integer.toUnsignedLong(b.getInt());
        long annotationsLength = Integer.toUnsignedLong(b.getInt());
        byte[] correlationId = new byte[16];
        b.get(correlationId);
        b.getShort(); // reserved
        int magic = Short.toUnsignedInt(b.getShort());
        if (magic != MAGIC) {
            throw new ProtocolError("invalid header magic number");
        }
        return new Pyro5Header(type, serializerId, flags, seq, dataLength, annotationsLength, correlationId);
    }

    @Override
    public long bodyLength() {
        return dataLength + annotationsLength;
    }

    void writeTo(ByteBuffer out) {
        out.put(TAG)
           .putShort((short) VERSION)
           .put((byte) type)
           .put((byte) serializerId)
           .putShort((short) flags)
           .putShort((short) seq)
           .putInt((int) dataLength)
           .putInt((int) annotationsLength)
           .put(correlationId)
           .putShort((short) 0)
           .putShort((short) MAGIC);
    }
}
