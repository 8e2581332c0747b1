package io.pyrons.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.PythonException;

/**
 * Fuzzes Pyro5's message decoder as the server uses it: any bytes are either a message that survives encoding and
 * decoding again, or a documented error ({@code ProtocolError}, {@code MessageTooLargeError}: {@link PythonException}s).
 * The committed inputs (Pyro5CodecFuzzTestInputs/decode: requests a real Pyro5 5.17 client wrote, from
 * itests/interop's fixtures, and every finding) replay in every test run.
 */
class Pyro5CodecFuzzTest {
    private final Pyro5Codec codec = new Pyro5Codec(1 << 20);

    @FuzzTest(maxDuration = "30s")
    void decode(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Message message;
        try {
            message = codec.decode(bytes);
        } catch (PythonException documented) {
            return;
        }
        // not byte for byte the input (reserved field, a correlation id without its flag, repeated annotation keys),
        // but what we write must read back as the same message
        byte[] encoded = codec.encode(message);
        assertArrayEquals(encoded, codec.encode(codec.decode(encoded)), "a message survives encode and decode");
    }
}
