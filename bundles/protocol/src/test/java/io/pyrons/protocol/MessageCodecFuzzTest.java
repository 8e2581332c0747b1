package io.pyrons.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.PythonException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the message decoder as the server uses it (with and without an HMAC key, then decompression): any bytes
 * are either a message that survives encoding and decoding again, or a documented error ({@code ProtocolError},
 * {@code SecurityError}, {@code MessageTooLargeError}: {@link PythonException}s). The committed inputs
 * (MessageCodecFuzzTestInputs/decode: messages real Pyro4 wrote, and every finding) replay in every test run.
 */
class MessageCodecFuzzTest {
    private final MessageCodec plain = new MessageCodec(null, 1 << 20, MessageCodec.MAX_ANNOTATIONS_SIZE);
    private final MessageCodec keyed = new MessageCodec("secret".getBytes(StandardCharsets.US_ASCII), 1 << 20,
            MessageCodec.MAX_ANNOTATIONS_SIZE);

    @FuzzTest(maxDuration = "30s")
    void decode(FuzzedDataProvider data) {
        MessageCodec codec = data.consumeBoolean() ? keyed : plain;
        byte[] bytes = data.consumeRemainingAsBytes();
        Message message;
        try {
            message = codec.decode(bytes);
        } catch (PythonException documented) {
            return;
        }
        // not byte for byte the input: the reserved header field is written as 0 and repeated annotation keys
        // collapse, as in Pyro4; but what we write must read back as the same message
        byte[] encoded = codec.encode(message);
        assertArrayEquals(encoded, codec.encode(codec.decode(encoded)), "a message survives encode and decode");
        try {
            codec.decompressIfNeeded(message);
        } catch (PythonException documented) {
            // bad or oversized zlib data
        }
    }
}
