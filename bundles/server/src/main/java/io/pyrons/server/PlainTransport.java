package io.pyrons.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The socket as it is: TCP or Unix domain. */
record PlainTransport(SocketChannel channel) implements Transport {

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public boolean readPending() {
        return false;
    }

    @Override
    public void shutdown() {
        // nothing beyond closing the socket
    }
}
