package io.pyrons.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pyrons.api.MessageTooLargeError;
import io.pyrons.api.ProtocolError;
import io.pyrons.api.SecurityError;

/** Our bytes against bytes produced by real Pyro4 4.82 (fixtures from src/test/python/capture_messages.py). */
class MessageCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    record Fixture(String name, Message message, String hmacKey, byte[] wire) {
        @Override
        public String toString() {
            return name;
        }

        MessageCodec codec() {
            return new MessageCodec(hmacKey.isEmpty() ? null : hmacKey.getBytes(StandardCharsets.UTF_8), 0,
                    MessageCodec.MAX_ANNOTATIONS_SIZE);
        }
    }

    static Stream<Fixture> fixtures() throws IOException {
        List<Fixture> result = new ArrayList<>();
        try (InputStream in = MessageCodecTest.class.getResourceAsStream("pyro4-messages.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                Map<String, byte[]> annotations = new LinkedHashMap<>();
                if (!f[5].isEmpty()) {
                    for (String a : f[5].split(",")) {
                        annotations.put(a.substring(0, 4), HEX.parseHex(a.substring(5)));
                    }
                }
                var message = new Message(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), annotations, HEX.parseHex(f[7]));
                result.add(new Fixture(f[0], message, f[6], HEX.parseHex(f[8])));
            }
        }
        assertTrue(result.size() >= 9, "fixtures missing");
        return result.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void encodesLikePyro4(Fixture fixture) {
        assertEquals(HEX.formatHex(fixture.wire()), HEX.formatHex(fixture.codec().encode(fixture.message())));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decodesPyro4Bytes(Fixture fixture) {
        Message decoded = fixture.codec().decode(fixture.wire());
        Message expected = fixture.message();
        assertEquals(expected.type(), decoded.type());
        assertEquals(expected.flags(), decoded.flags());
        assertEquals(expected.seq(), decoded.seq());
        assertEquals(expected.serializerId(), decoded.serializerId());
        assertArrayEquals(expected.data(), decoded.data());
        for (var e : expected.annotations().entrySet()) {
            assertArrayEquals(e.getValue(), decoded.annotations().get(e.getKey()), e.getKey());
        }
        int extra = fixture.hmacKey().isEmpty() ? 0 : 1;
        assertEquals(expected.annotations().size() + extra, decoded.annotations().size());
    }

    @Test
    void decompressesPyro4CompressedData() throws IOException {
        Fixture compressed = fixtures().filter(f -> f.name().equals("compressed")).findFirst().orElseThrow();
        Message m = new MessageCodec().decompressIfNeeded(compressed.message());
        assertFalse(m.hasFlag(MessageFlags.COMPRESSED));
        assertArrayEquals("x".repeat(1000).getBytes(StandardCharsets.US_ASCII), m.data());
    }

    @Test
    void compressesOnlyLargeDataThatShrinks() {
        var small = new Message(MessageType.RESULT, 0, 1, 1, "x".repeat(199).getBytes(StandardCharsets.US_ASCII));
        assertEquals(small, MessageCodec.compressIfSmaller(small));
        byte[] random = new byte[500];
        new java.util.Random(1).nextBytes(random);
        var incompressible = new Message(MessageType.RESULT, 0, 1, 1, random);
        assertEquals(incompressible, MessageCodec.compressIfSmaller(incompressible));
        var large = new Message(MessageType.RESULT, MessageFlags.BATCH, 1, 1, "x".repeat(200).getBytes(StandardCharsets.US_ASCII));
        Message c = MessageCodec.compressIfSmaller(large);
        assertEquals(MessageFlags.BATCH | MessageFlags.COMPRESSED, c.flags());
        assertTrue(c.data().length < 200);
        assertArrayEquals(large.data(), new MessageCodec().decompressIfNeeded(c).data());
    }

    @Test
    void decompressionIsBounded() {
        byte[] bomb = MessageCodec.compress(new byte[100_000]);
        var m = new Message(MessageType.INVOKE, MessageFlags.COMPRESSED, 1, 1, bomb);
        var codec = new MessageCodec(null, 10_000, MessageCodec.MAX_ANNOTATIONS_SIZE);
        assertThrows(MessageTooLargeError.class, () -> codec.decompressIfNeeded(m));
        var garbage = new Message(MessageType.INVOKE, MessageFlags.COMPRESSED, 1, 1, new byte[]{1, 2, 3, 4});
        assertThrows(ProtocolError.class, () -> codec.decompressIfNeeded(garbage));
    }

    // ---- bad input

    private static byte[] ping() {
        return new MessageCodec().encode(new Message(MessageType.PING, 0, 3, 1, "ping".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void garbageIsRefused() {
        var e = assertThrows(ProtocolError.class,
                () -> new MessageCodec().decode("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("invalid data or unsupported protocol version", e.getMessage());
    }

    @Test
    void wrongVersionIsRefused() {
        byte[] bytes = ping();
        bytes[5] = 47;
        var e = assertThrows(ProtocolError.class, () -> new MessageCodec().decode(bytes));
        assertEquals("invalid data or unsupported protocol version", e.getMessage());
    }

    @Test
    void wrongChecksumIsRefused() {
        byte[] bytes = ping();
        bytes[23] ^= 1;
        var e = assertThrows(ProtocolError.class, () -> new MessageCodec().decode(bytes));
        assertEquals("header checksum mismatch", e.getMessage());
    }

    @Test
    void negativeLengthIsRefusedEvenWithValidChecksum() {
        byte[] bytes = headerWithDataLength(-5);
        assertThrows(ProtocolError.class, () -> MessageHeader.parse(bytes));
    }

    @Test
    void oversizedLengthIsRefusedFromTheHeaderAlone() {
        byte[] header = headerWithDataLength(2_000_000_000);
        var codec = new MessageCodec(null, 1_000_000, MessageCodec.MAX_ANNOTATIONS_SIZE);
        var e = assertThrows(MessageTooLargeError.class, () -> codec.decodeHeader(ByteBuffer.wrap(header)));
        assertEquals("max message size exceeded (2000000000 where max=1000000)", e.getMessage());
        assertEquals("Pyro4.errors.MessageTooLargeError", e.pythonType());
    }

    @Test
    void oversizedMessageIsNotEncoded() {
        var codec = new MessageCodec(null, 10, MessageCodec.MAX_ANNOTATIONS_SIZE);
        var e = assertThrows(MessageTooLargeError.class,
                () -> codec.encode(new Message(MessageType.RESULT, 0, 1, 1, new byte[11])));
        assertEquals("max message size exceeded (11 where max=10)", e.getMessage());
    }

    @Test
    void annotationLimitApplies() {
        var codec = new MessageCodec(null, 0, 20);
        var m = new Message(MessageType.RESULT, 0, 1, 1, Map.of("XTRA", new byte[15]), new byte[0]);
        assertThrows(MessageTooLargeError.class, () -> codec.encode(m));
        byte[] wire = new MessageCodec().encode(m);
        assertThrows(MessageTooLargeError.class, () -> codec.decode(wire));
    }

    @Test
    void truncatedMessageIsRefused() {
        byte[] bytes = ping();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(ProtocolError.class, () -> new MessageCodec().decode(truncated));
        assertThrows(ProtocolError.class, () -> MessageHeader.parse(java.util.Arrays.copyOf(bytes, 10)));
    }

    @Test
    void truncatedAnnotationChunkIsRefused() {
        // header says 4 bytes of annotations: too short for one chunk
        byte[] header = headerWith(0, 4);
        byte[] bytes = java.util.Arrays.copyOf(header, header.length + 4);
        var e = assertThrows(ProtocolError.class, () -> new MessageCodec().decode(bytes));
        assertEquals("invalid annotation chunk", e.getMessage());
    }

    @Test
    void badAnnotationKeyIsRefused() {
        var m = new Message(MessageType.RESULT, 0, 1, 1, Map.of("TOOLONG", new byte[1]), new byte[0]);
        var e = assertThrows(ProtocolError.class, () -> new MessageCodec().encode(m));
        assertEquals("annotation key must be of length 4", e.getMessage());
    }

    @Test
    void nonAsciiAnnotationKeyIsRefusedOnReading() {
        // found by MessageCodecFuzzTest: read as U+FFFD, such a key could not be written back
        byte[] header = headerWith(0, 6);
        byte[] bytes = java.util.Arrays.copyOf(header, header.length + 6);
        bytes[header.length] = (byte) 0xe9;
        System.arraycopy("BCD".getBytes(StandardCharsets.US_ASCII), 0, bytes, header.length + 1, 3);
        var e = assertThrows(ProtocolError.class, () -> new MessageCodec().decode(bytes));
        assertEquals("invalid annotation chunk (key not ASCII)", e.getMessage());
    }

    // ---- HMAC

    @Test
    void hmacMismatchIsASecurityError() {
        byte[] wire = new MessageCodec("one".getBytes(StandardCharsets.UTF_8), 0, 0xffff)
                .encode(new Message(MessageType.INVOKE, 0, 1, 1, "data".getBytes(StandardCharsets.US_ASCII)));
        var e = assertThrows(SecurityError.class,
                () -> new MessageCodec("two".getBytes(StandardCharsets.UTF_8), 0, 0xffff).decode(wire));
        assertEquals("message hmac mismatch", e.getMessage());
        assertEquals("Pyro4.errors.SecurityError", e.pythonType());
    }

    @Test
    void tamperedDataFailsHmac() {
        var codec = new MessageCodec("k".getBytes(StandardCharsets.UTF_8), 0, 0xffff);
        byte[] wire = codec.encode(new Message(MessageType.INVOKE, 0, 1, 1, "data".getBytes(StandardCharsets.US_ASCII)));
        wire[wire.length - 1] ^= 1;
        assertEquals("message hmac mismatch", assertThrows(SecurityError.class, () -> codec.decode(wire)).getMessage());
    }

    @Test
    void asymmetricHmacConfigIsASecurityError() {
        byte[] plain = ping();
        var e = assertThrows(SecurityError.class,
                () -> new MessageCodec("k".getBytes(StandardCharsets.UTF_8), 0, 0xffff).decode(plain));
        assertEquals("hmac key config not symmetric", e.getMessage());
        byte[] keyed = new MessageCodec("k".getBytes(StandardCharsets.UTF_8), 0, 0xffff)
                .encode(new Message(MessageType.PING, 0, 1, 1, new byte[0]));
        e = assertThrows(SecurityError.class, () -> new MessageCodec().decode(keyed));
        assertEquals("hmac key config not symmetric", e.getMessage());
    }

    /** A header with a correct checksum for the given lengths (PING, seq 0, serializer 1). */
    private static byte[] headerWith(int dataLength, int annotationsLength) {
        ByteBuffer b = ByteBuffer.allocate(MessageHeader.SIZE);
        new MessageHeader(MessageType.PING, 0, 0, dataLength, 1, annotationsLength).writeTo(b);
        return b.array();
    }

    private static byte[] headerWithDataLength(int dataLength) {
        return headerWith(dataLength, 0);
    }
}
