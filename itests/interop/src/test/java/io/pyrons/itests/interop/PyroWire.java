package io.pyrons.itests.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Just enough of Pyro4's wire format (protocol 48, header {@code !4sHHHHiHHHH}) to send malformed
 * messages on a raw socket and to see the server close it.
 */
final class PyroWire {

    static final int HEADER_SIZE = 24;
    static final int PROTOCOL_VERSION = 48;
    static final int MSG_CONNECT = 1;
    static final int MSG_CONNECTOK = 2;
    static final int MSG_INVOKE = 4;
    static final int SERPENT = 1;
    private static final int CHECKSUM_MAGIC = 0x34E9;

    private PyroWire() {
    }

    /** A header whose checksum is right for its fields. */
    static byte[] header(int version, int type, int flags, int seq, int dataSize, int serializerId, int annotationsSize) {
        int checksum = (type + version + dataSize + annotationsSize + serializerId + flags + seq + CHECKSUM_MAGIC) & 0xffff;
        return header(version, type, flags, seq, dataSize, serializerId, annotationsSize, checksum);
    }

    static byte[] header(int version, int type, int flags, int seq, int dataSize, int serializerId, int annotationsSize,
                         int checksum) {
        return ByteBuffer.allocate(HEADER_SIZE)
                .put(new byte[] {'P', 'Y', 'R', 'O'})
                .putShort((short) version).putShort((short) type).putShort((short) flags).putShort((short) seq)
                .putInt(dataSize).putShort((short) serializerId).putShort((short) annotationsSize)
                .putShort((short) 0).putShort((short) checksum)
                .array();
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    /** Reads one whole message and returns its type; fails on EOF or timeout. */
    static int readMessageType(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteBuffer header = ByteBuffer.wrap(in.readNBytes(HEADER_SIZE));
        if (header.remaining() != HEADER_SIZE) {
            throw new IOException("connection closed inside a message header");
        }
        int type = header.getShort(6) & 0xffff;
        int dataSize = header.getInt(12);
        int annotationsSize = header.getShort(18) & 0xffff;
        int body = annotationsSize + dataSize;
        if (in.readNBytes(body).length != body) {
            throw new IOException("connection closed inside a message body");
        }
        return type;
    }

    /**
     * Drains whatever the server still sends (an error reply is allowed) and returns true once the
     * connection reaches EOF or is reset within {@code timeout}; false if it is still open then.
     */
    static boolean closedWithin(Socket socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, remainingMillis));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset by the server: closed as well
            }
        }
    }
}
