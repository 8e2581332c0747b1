package io.pyrons.server;

import java.nio.ByteBuffer;

import io.pyrons.api.PyroProtocol;
import io.pyrons.protocol.FrameHeader;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageHeader;
import io.pyrons.protocol.Pyro5Codec;
import io.pyrons.protocol.Pyro5Header;

/**
 * How one protocol's messages are framed on a connection: Pyro4's {@link MessageCodec} or Pyro5's
 * {@link Pyro5Codec}, behind the few operations the reader and the request handler need. Compression (the same
 * flag and zlib in both) and its limits are the Pyro4 codec's.
 */
sealed interface Framing {
    PyroProtocol protocol();

    FrameHeader decodeHeader(ByteBuffer buffer);

    Message decodeBody(FrameHeader header, ByteBuffer body);

    byte[] encode(Message message);

    int maxMessageSize();

    /** Inflates a compressed payload, at most {@code memoryLimit} bytes. */
    Message decompressIfNeeded(Message message, int memoryLimit);

    /** Pyro4's framing, with its HMAC. */
    record Pyro4(MessageCodec codec) implements Framing {
        @Override
        public PyroProtocol protocol() {
            return PyroProtocol.PYRO4;
        }

        @Override
        public FrameHeader decodeHeader(ByteBuffer buffer) {
            return codec.decodeHeader(buffer);
        }

        @Override
        public Message decodeBody(FrameHeader header, ByteBuffer body) {
            return codec.decodeBody((MessageHeader) header, body);
        }

        @Override
        public byte[] encode(Message message) {
            return codec.encode(message);
        }

        @Override
        public int maxMessageSize() {
            return codec.maxMessageSize();
        }

        @Override
        public Message decompressIfNeeded(Message message, int memoryLimit) {
            return codec.decompressIfNeeded(message, memoryLimit);
        }
    }

    /** Pyro5's framing; {@code inflation} is a Pyro4 codec with the same size limit, for compressed payloads. */
    record Pyro5(Pyro5Codec codec, MessageCodec inflation) implements Framing {
        @Override
        public PyroProtocol protocol() {
            return PyroProtocol.PYRO5;
        }

        @Override
        public FrameHeader decodeHeader(ByteBuffer buffer) {
            return codec.decodeHeader(buffer);
        }

        @Override
        public Message decodeBody(FrameHeader header, ByteBuffer body) {
            return codec.decodeBody((Pyro5Header) header, body);
        }

        @Override
        public byte[] encode(Message message) {
            return codec.encode(message);
        }

        @Override
        public int maxMessageSize() {
            return codec.maxMessageSize();
        }

        @Override
        public Message decompressIfNeeded(Message message, int memoryLimit) {
            return inflation.decompressIfNeeded(message, memoryLimit);
        }
    }
}
