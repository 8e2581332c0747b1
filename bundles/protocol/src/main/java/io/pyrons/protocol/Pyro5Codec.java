package io.pyrons.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pyrons.api.MessageTooLargeError;
import io.pyrons.api.ProtocolError;

/**
 * Pyro5's framing (protocol 502, {@code Pyro5.protocol}): the 40-byte {@link Pyro5Header}, annotation chunks
 * {@code !4sI} + value, data. Pyro5 has no HMAC. Message types, the flags EXCEPTION, COMPRESSED, ONEWAY and BATCH
 * and zlib compression are Pyro4's ({@link MessageType}, {@link MessageFlags}); the flags above those differ
 * ({@link #FLAG_ITEMSTREAMRESULT}, {@link #FLAG_KEEPSERIALIZED}, {@link #FLAG_CORR_ID}).
 *
 * <p>The correlation id travels in the header. A decoded {@link Message} carries it as the annotation
 * {@value #CORRELATION_ANNOTATION} (where Pyro4 sends it) when the request's {@link #FLAG_CORR_ID} is set, and
 * {@link #encode} puts that annotation back into the header with the flag, so that code written for both protocols
 * echoes it the same way. Immutable and thread-safe.
 */
public final class Pyro5Codec {
    public static final int FLAG_ITEMSTREAMRESULT = 1 << 4;
    public static final int FLAG_KEEPSERIALIZED = 1 << 5;
    public static final int FLAG_CORR_ID = 1 << 6;
    /** The serializer id of Pyro5's PING: the payload is plain bytes, nothing is deserialized. */
    public static final int PING_SERIALIZER_ID = 42;
    /** Where a decoded message keeps its header's correlation id (Pyro4's annotation name for it). */
    public static final String CORRELATION_ANNOTATION = "CORR";
    private static final byte[] NO_CORRELATION = new byte[16];

    private final int maxMessageSize;

    /** @param maxMessageSize data plus annotations, in bytes; 0 means unlimited */
    public Pyro5Codec(int maxMessageSize) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("max message size must be >= 0: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Parses a header and applies the size limit, as Pyro5's {@code recv_stub} does before it reads the rest. */
    public Pyro5Header decodeHeader(ByteBuffer buffer) {
        Pyro5Header header = Pyro5Header.parse(buffer);
        checkSize(header.bodyLength());
        return header;
    }

    /** Completes a message from its header and the {@link Pyro5Header#bodyLength()} bytes that followed it. */
    public Message decodeBody(Pyro5Header header, ByteBuffer body) {
        if (body.remaining() < header.bodyLength()) {
            throw new ProtocolError("message data size mismatch");
        }
        Map<String, byte[]> annotations = new LinkedHashMap<>();
        long end = body.position() + header.annotationsLength();
        while (body.position() < end) {
            if (end - body.position() < 8) {
                throw new ProtocolError("annotations size mismatch");
            }
            byte[] key = new byte[4];
            body.get(key);
            for (byte b : key) {
                if (b < 0) {
                    throw new ProtocolError("invalid annotation chunk (key not ASCII)");
                }
            }
            long length = Integer.toUnsignedLong(body.getInt());
            if (length > end - body.position()) {
                throw new ProtocolError("annotations size mismatch");
            }
            byte[] value = new byte[(int) length];
            body.get(value);
            annotations.put(new String(key, StandardCharsets.US_ASCII), value);
        }
        annotations.remove(CORRELATION_ANNOTATION); // never a chunk of Pyro5's: the header's id is the one
        if ((header.flags() & FLAG_CORR_ID) != 0) {
            annotations.put(CORRELATION_ANNOTATION, header.correlationId());
        }
        byte[] data = new byte[(int) header.dataLength()];
        body.get(data);
        return new Message(header.type(), header.flags(), header.seq(), header.serializerId(), annotations, data);
    }

    /** Decodes one complete message from {@code bytes} (trailing bytes are an error). */
    public Message decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        Pyro5Header header = decodeHeader(buffer);
        if (buffer.remaining() != header.bodyLength()) {
            throw new ProtocolError("message data size mismatch");
        }
        return decodeBody(header, buffer);
    }

    /**
     * The wire bytes of {@code message}. Its annotation {@value #CORRELATION_ANNOTATION} (16 bytes) becomes the
     * header's correlation id with {@link #FLAG_CORR_ID}; without it the id is zero and the flag cleared.
     */
    public byte[] encode(Message message) {
        Map<String, byte[]> annotations = new LinkedHashMap<>(message.annotations());
        byte[] correlation = annotations.remove(CORRELATION_ANNOTATION);
        int flags = message.flags() & ~FLAG_CORR_ID;
        if (correlation != null && correlation.length == 16) {
            flags |= FLAG_CORR_ID;
        } else {
            correlation = NO_CORRELATION;
        }
        long annotationsSize = 0;
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            String key = e.getKey();
            if (key.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(key)) {
                throw new ProtocolError("annotation identifier must be 4 ascii characters");
            }
            annotationsSize += 8 + e.getValue().length;
        }
        checkSize(annotationsSize + message.data().length);
        var header = new Pyro5Header(message.type(), message.serializerId(), flags, message.seq(),
                message.data().length, annotationsSize, correlation);
        ByteBuffer out = ByteBuffer.allocate((int) (Pyro5Header.SIZE + annotationsSize + message.data().length))
                .order(ByteOrder.BIG_ENDIAN);
        header.writeTo(out);
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            out.put(e.getKey().getBytes(StandardCharsets.US_ASCII)).putInt(e.getValue().length).put(e.getValue());
        }
        out.put(message.data());
        return out.array();
    }

    private void checkSize(long total) {
        long limit = maxMessageSize > 0 ? maxMessageSize : Integer.MAX_VALUE - 16 - Pyro5Header.SIZE;
        if (total > limit) {
            throw new MessageTooLargeError("message too large: %d where max=%d".formatted(total, limit));
        }
    }
}
