package io.pyrons.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageHeader;
import io.pyrons.protocol.MessageType;

/** A blocking Pyro client for tests, speaking through {@link TestSerializer}; reads time out after 5 s. */
final class TestClient implements AutoCloseable {
    final TestSerializer serializer;
    private final MessageCodec codec;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private int seq;

    TestClient(SocketAddress address, TestSerializer serializer, byte[] hmacKey) throws IOException {
        this.serializer = serializer;
        this.codec = new MessageCodec(hmacKey, 0, MessageCodec.MAX_ANNOTATIONS_SIZE);
        this.channel = SocketChannel.open(address);
        if (address instanceof InetSocketAddress) {
            channel.socket().setSoTimeout(5000);
        }
        // stream adapters of a blocking channel honour no SO_TIMEOUT, so reads go through the socket when TCP
        this.in = address instanceof InetSocketAddress ? channel.socket().getInputStream() : Channels.newInputStream(channel);
        this.out = address instanceof InetSocketAddress ? channel.socket().getOutputStream() : Channels.newOutputStream(channel);
    }

    TestClient(SocketAddress address, TestSerializer serializer) throws IOException {
        this(address, serializer, null);
    }

    /** CONNECT for {@code objectId}, asking for metadata; returns the reply. */
    Message connect(String objectId) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handshake", "hello");
        data.put("object", objectId);
        send(new Message(MessageType.CONNECT, MessageFlags.META_ON_CONNECT, 0, serializer.id(), serializer.serializeData(data)));
        return receive();
    }

    Message invoke(String objectId, String method, List<Object> args, Map<String, Object> kwargs, int flags) throws IOException {
        int s = ++seq & 0xffff;
        byte[] data = serializer.serializeCall(new Invocation(objectId, method, args, kwargs));
        send(new Message(MessageType.INVOKE, flags, s, serializer.id(), data));
        return (flags & MessageFlags.ONEWAY) != 0 ? null : receive();
    }

    /** The wire bytes of an INVOKE, for tests that send several messages in one write. */
    byte[] encodeInvoke(int seq, String objectId, String method, List<Object> args, int flags) {
        byte[] data = serializer.serializeCall(new Invocation(objectId, method, args, Map.of()));
        return codec.encode(new Message(MessageType.INVOKE, flags, seq, serializer.id(), data));
    }

    Object call(String objectId, String method, Object... args) throws IOException {
        return value(invoke(objectId, method, Arrays.asList(args), Map.of(), 0));
    }

    Object value(Message m) {
        return serializer.deserializeData(codec.decompressIfNeeded(m).data());
    }

    void send(Message m) throws IOException {
        sendRaw(codec.encode(m));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Message receive() throws IOException {
        byte[] header = in.readNBytes(MessageHeader.SIZE);
        if (header.length < MessageHeader.SIZE) {
            throw new IOException("connection closed");
        }
        MessageHeader h = codec.decodeHeader(ByteBuffer.wrap(header));
        byte[] body = in.readNBytes((int) h.bodyLength());
        return codec.decodeBody(h, ByteBuffer.wrap(body));
    }

    /**
     * A message header as Pyro4 writes it ({@code !4sHHHHiHHHH} with its checksum), announcing whatever lengths a
     * test wants, true or not.
     */
    static byte[] header(int type, int flags, int seq, int dataLength, int serializerId, int annotationsLength) {
        int checksum = (type + MessageHeader.PROTOCOL_VERSION + dataLength + annotationsLength + serializerId + flags
                + seq + 0x34E9) & 0xffff;
        return ByteBuffer.allocate(MessageHeader.SIZE).put(new byte[] {'P', 'Y', 'R', 'O'})
                .putShort((short) MessageHeader.PROTOCOL_VERSION).putShort((short) type).putShort((short) flags)
                .putShort((short) seq).putInt(dataLength).putShort((short) serializerId)
                .putShort((short) annotationsLength).putShort((short) 0).putShort((short) checksum).array();
    }

    /** True when the server closed the connection within 5 s (end of stream or reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
