package io.pyrons.bench.load;

/**
 * Writes and reads the 24-byte Pyro4 header in place, without the allocations of
 * {@link io.pyrons.protocol.MessageCodec}: the load generator shares two cores with the server under test, so
 * every microsecond the client spends is one the server does not get.
 */
final class WireHeader {
    static final int SIZE = 24;
    private static final int VERSION = 48;
    private static final int CHECKSUM_MAGIC = 0x34E9;

    private WireHeader() {
    }

    static void write(byte[] b, int type, int flags, int seq, int dataLength, int serializerId, int annotationsLength) {
        b[0] = 'P';
        b[1] = 'Y';
        b[2] = 'R';
        b[3] = 'O';
        putShort(b, 4, VERSION);
        putShort(b, 6, type);
        putShort(b, 8, flags);
        putShort(b, 10, seq);
        putInt(b, 12, dataLength);
        putShort(b, 16, serializerId);
        putShort(b, 18, annotationsLength);
        putShort(b, 20, 0);
        putShort(b, 22, checksum(type, flags, seq, dataLength, serializerId, annotationsLength));
    }

    /** Rewrites the seq of a complete header and fixes its checksum (the zero-work responder's echo). */
    static void setSeq(byte[] b, int seq) {
        putShort(b, 10, seq);
        putShort(b, 22, checksum(type(b), flags(b), seq, dataLength(b), serializerId(b), annotationsLength(b)));
    }

    static int checksum(int type, int flags, int seq, int dataLength, int serializerId, int annotationsLength) {
        return (type + VERSION + dataLength + annotationsLength + serializerId + flags + seq + CHECKSUM_MAGIC) & 0xffff;
    }

    static boolean isPyro(byte[] b) {
        return b[0] == 'P' && b[1] == 'Y' && b[2] == 'R' && b[3] == 'O' && getShort(b, 4) == VERSION;
    }

    static int type(byte[] b) {
        return getShort(b, 6);
    }

    static int flags(byte[] b) {
        return getShort(b, 8);
    }

    static int seq(byte[] b) {
        return getShort(b, 10);
    }

    static int dataLength(byte[] b) {
        return getInt(b, 12);
    }

    static int serializerId(byte[] b) {
        return getShort(b, 16);
    }

    static int annotationsLength(byte[] b) {
        return getShort(b, 18);
    }

    static int checksumField(byte[] b) {
        return getShort(b, 22);
    }

    // big-endian fields, shared with Pyro5WireHeader (both headers are network byte order)

    static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
