package io.pyrons.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageHeader;
import io.pyrons.protocol.MessageType;

import org.junit.jupiter.api.Test;

class WireHeaderTest {
    @Test
    void writesTheHeaderTheProtocolBundleWrites() {
        byte[] data = "payload".getBytes();
        byte[] expected = new MessageCodec().encode(new Message(MessageType.INVOKE, 8, 65535, 1, data));
        byte[] header = new byte[WireHeader.SIZE];
        WireHeader.write(header, MessageType.INVOKE, 8, 65535, data.length, 1, 0);
        assertArrayEquals(Arrays.copyOf(expected, WireHeader.SIZE), header);
    }

    @Test
    void changingTheSeqKeepsTheChecksumValid() throws Exception {
        byte[] captured = ZeroWorkResponder.resource(ZeroWorkResponder.LOOKUP_RESULT_RESOURCE);
        WireHeader.setSeq(captured, 4242);
        MessageHeader parsed = MessageHeader.parse(captured); // throws on a checksum mismatch
        assertEquals(4242, parsed.seq());
        assertEquals(MessageType.RESULT, parsed.type());
        assertEquals(captured.length, WireHeader.SIZE + parsed.bodyLength());
    }
}
