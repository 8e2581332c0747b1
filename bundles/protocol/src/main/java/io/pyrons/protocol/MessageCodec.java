package io.pyrons.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.pyrons.api.MessageTooLargeError;
import io.pyrons.api.ProtocolError;
import io.pyrons.api.SecurityError;

/**
 * Turns {@link Message}s into bytes and back exactly as Pyro4 4.82's {@code Pyro4.message.Message}: header,
 * annotation chunks ({@code !4sH} + value), data. With an HMAC key every encoded message carries an
 * {@code HMAC} annotation and every decoded one must carry a matching one. Immutable and thread-safe.
 */
public final class MessageCodec {
    /** The annotation that carries the message digest. */
    public static final String HMAC_ANNOTATION = "HMAC";
    /** Pyro4 compresses only payloads of at least this many bytes. */
    public static final int COMPRESSION_THRESHOLD = 200;
    /** The annotations length is a 16-bit header field: no message can carry more. */
    public static final int MAX_ANNOTATIONS_SIZE = 0xffff;

    private final byte[] hmacKey;
    private final int maxMessageSize;
    private final int maxAnnotationsSize;

    /**
     * @param hmacKey            the shared secret, or {@code null}/empty for none (Pyro4 treats both as "no key")
     * @param maxMessageSize     data plus annotations, in bytes; 0 means unlimited (Pyro4's MAX_MESSAGE_SIZE)
     * @param maxAnnotationsSize total size of the annotation chunks, at most {@value #MAX_ANNOTATIONS_SIZE}
     */
    public MessageCodec(byte[] hmacKey, int maxMessageSize, int maxAnnotationsSize) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("max message size must be >= 0: " + maxMessageSize);
        }
        if (maxAnnotationsSize < 0 || maxAnnotationsSize > MAX_ANNOTATIONS_SIZE) {
            throw new IllegalArgumentException("max annotations size must be 0.." + MAX_ANNOTATIONS_SIZE + ": " + maxAnnotationsSize);
        }
        this.hmacKey = hmacKey == null || hmacKey.length == 0 ? null : hmacKey.clone();
        this.maxMessageSize = maxMessageSize;
        this.maxAnnotationsSize = maxAnnotationsSize;
    }

    /** A codec without HMAC key and without limits beyond the protocol's own. */
    public MessageCodec() {
        this(null, 0, MAX_ANNOTATIONS_SIZE);
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    // ---- encoding

    /** The wire bytes of {@code message}: header, annotation chunks (plus HMAC when keyed), data. */
    public byte[] encode(Message message) {
        Map<String, byte[]> annotations = new LinkedHashMap<>(message.annotations());
        if (hmacKey != null) {
            // put() on an existing key keeps its position, as a Python dict assignment does
            annotations.put(HMAC_ANNOTATION, hmac(message.data(), annotations));
        }
        int annotationsSize = 0;
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            String key = e.getKey();
            if (key.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(key)) {
                throw new ProtocolError("annotation key must be of length 4");
            }
            if (e.getValue().length > 0xffff) {
                throw new ProtocolError("annotation chunk too large: " + key);
            }
            annotationsSize += 6 + e.getValue().length;
        }
        checkSizes(message.data().length, annotationsSize);
        var header = new MessageHeader(message.type(), message.flags(), message.seq(), message.data().length,
                message.serializerId(), annotationsSize);
        ByteBuffer out = ByteBuffer.allocate(MessageHeader.SIZE + annotationsSize + message.data().length)
                .order(ByteOrder.BIG_ENDIAN);
        header.writeTo(out);
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            out.put(e.getKey().getBytes(StandardCharsets.US_ASCII)).putShort((short) e.getValue().length).put(e.getValue());
        }
        out.put(message.data());
        return out.array();
    }

    // ---- decoding

    /**
     * Parses a header and applies this codec's limits to it, as Pyro4's {@code Message.recv} does before it
     * reads the rest: {@code max message size exceeded (N where max=M)}.
     */
    public MessageHeader decodeHeader(ByteBuffer buffer) {
        MessageHeader header = MessageHeader.parse(buffer);
        checkSizes(header.dataLength(), header.annotationsLength());
        return header;
    }

    /**
     * Completes a message from its header and the {@link MessageHeader#bodyLength()} bytes that followed it:
     * parses the annotation chunks and verifies the HMAC (Pyro4's {@code SecurityError}s).
     */
    public Message decodeBody(MessageHeader header, ByteBuffer body) {
        if (body.remaining() < header.bodyLength()) {
            throw new ProtocolError("message data size mismatch");
        }
        Map<String, byte[]> annotations = new LinkedHashMap<>();
        int end = body.position() + header.annotationsLength();
        while (body.position() < end) {
            if (end - body.position() < 6) {
                throw new ProtocolError("invalid annotation chunk");
            }
            byte[] key = new byte[4];
            body.get(key);
            for (byte b : key) {
                if (b < 0) { // Pyro4's key.decode("ASCII") fails: a key we could not even write back
                    throw new ProtocolError("invalid annotation chunk (key not ASCII)");
                }
            }
            int length = Short.toUnsignedInt(body.getShort());
            if (length > end - body.position()) {
                throw new ProtocolError("invalid annotation chunk");
            }
            byte[] value = new byte[length];
            body.get(value);
            annotations.put(new String(key, StandardCharsets.US_ASCII), value);
        }
        byte[] data = new byte[header.dataLength()];
        body.get(data);
        verifyHmac(data, annotations);
        return new Message(header.type(), header.flags(), header.seq(), header.serializerId(), annotations, data);
    }

    /** Decodes one complete message from {@code bytes} (trailing bytes are an error). */
    public Message decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        MessageHeader header = decodeHeader(buffer);
        if (buffer.remaining() != header.bodyLength()) {
            throw new ProtocolError("message data size mismatch");
        }
        return decodeBody(header, buffer);
    }

    private void checkSizes(long dataLength, long annotationsLength) {
        long total = dataLength + annotationsLength;
        if (0 < maxMessageSize && maxMessageSize < total) {
            throw new MessageTooLargeError("max message size exceeded (%d where max=%d)".formatted(total, maxMessageSize));
        }
        if (annotationsLength > maxAnnotationsSize) {
            throw new MessageTooLargeError("max annotations size exceeded (%d where max=%d)"
                    .formatted(annotationsLength, maxAnnotationsSize));
        }
    }

    // ---- HMAC

    private void verifyHmac(byte[] data, Map<String, byte[]> annotations) {
        byte[] received = annotations.get(HMAC_ANNOTATION);
        if (received != null && hmacKey != null) {
            if (!MessageDigest.isEqual(received, hmac(data, annotations))) {
                throw new SecurityError("message hmac mismatch");
            }
        } else if ((received != null) != (hmacKey != null)) {
            throw new SecurityError("hmac key config not symmetric");
        }
    }

    /** HMAC-SHA1 over the data, then the other annotation values in key order (Pyro4's {@code Message.hmac}). */
    private byte[] hmac(byte[] data, Map<String, byte[]> annotations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA1"));
            mac.update(data);
            for (Map.Entry<String, byte[]> e : new TreeMap<>(annotations).entrySet()) {
                if (!e.getKey().equals(HMAC_ANNOTATION)) {
                    mac.update(e.getValue());
                }
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    // ---- compression

    /**
     * Pyro4's compression rule: payloads of at least {@value #COMPRESSION_THRESHOLD} bytes are zlib-compressed
     * when that makes them smaller, and then flagged {@link MessageFlags#COMPRESSED}.
     */
    public static Message compressIfSmaller(Message message) {
        byte[] data = message.data();
        if (data.length < COMPRESSION_THRESHOLD) {
            return message;
        }
        byte[] compressed = compress(data);
        if (compressed.length >= data.length) {
            return message;
        }
        return message.withData(compressed, message.flags() | MessageFlags.COMPRESSED);
    }

    /** Pyro4's {@code decompress_if_needed}: inflates a {@link MessageFlags#COMPRESSED} payload, clears the flag. */
    public Message decompressIfNeeded(Message message) {
        return decompressIfNeeded(message, Integer.MAX_VALUE - 16);
    }

    /**
     * As {@link #decompressIfNeeded(Message)}, inflating at most {@code memoryLimit} bytes even when the message
     * size is unlimited: a few kilobytes of zlib can claim gigabytes.
     */
    public Message decompressIfNeeded(Message message, int memoryLimit) {
        if (!message.hasFlag(MessageFlags.COMPRESSED)) {
            return message;
        }
        int limit = maxMessageSize > 0 ? Math.min(maxMessageSize, memoryLimit) : memoryLimit;
        byte[] data = decompress(message.data(), limit);
        return message.withData(data, message.flags() & ~MessageFlags.COMPRESSED);
    }

    /** zlib (RFC 1950) compression at Python's default level. */
    public static byte[] compress(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * Inflates zlib data, refusing output beyond {@code maxSize} bytes so that a small malicious payload cannot
     * exhaust memory.
     */
    public static byte[] decompress(byte[] data, int maxSize) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 2));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ProtocolError("invalid compressed data: truncated");
                }
                if ((long) out.size() + n > maxSize) {
                    throw new MessageTooLargeError("max message size exceeded (decompressed data larger than %d)".formatted(maxSize));
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ProtocolError("invalid compressed data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
