package io.pyrons.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.pyrons.api.PyroProtocol;

/**
 * A Python {@code str} in marshal format ({@code TYPE_UNICODE}). Pyro4 and Pyro5 answer a handshake that fails
 * before a serializer is agreed on in marshal (Pyro4's id 3, Pyro5's id 2), and the client decodes the reason
 * with {@code marshal.loads}; this keeps that answer possible when no marshal serializer bundle is installed.
 */
final class MarshalText {
    static final int SERIALIZER_ID = 3;

    /** marshal's id in {@code protocol}'s header. */
    static int serializerId(PyroProtocol protocol) {
        return protocol == PyroProtocol.PYRO5 ? 2 : SERIALIZER_ID;
    }

    private MarshalText() {
    }

    static byte[] encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + utf8.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'u').putInt(utf8.length).put(utf8).array();
    }
}
