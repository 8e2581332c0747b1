package io.pyrons.bench.load;

/**
 * Writes and reads the 40-byte Pyro5 header (protocol 502) in place, as {@link WireHeader} does Pyro4's: "PYRO",
 * version (2 bytes), type and serializer id (one byte each), flags, seq, data length, annotations length, 16 bytes
 * of correlation id, 2 reserved, magic {@code 0x4DC5}; no checksum. The bench sends no correlation id (a Pyro5
 * proxy sends one only when its caller set one), so those 16 bytes stay zero.
 */
final class Pyro5WireHeader {
    static final int SIZE = 40;
    private static final int VERSION = 502;
    private static final int MAGIC = 0x4DC5;

    private Pyro5WireHeader() {
    }

    static void write(byte[] b, int type, int flags, int seq, int dataLength, int serializerId, int annotationsLength) {
        b[0] = 'P';
        b[1] = 'Y';
        b[2] = 'R';
        b[3] = 'O';
        putShort(b, 4, VERSION);
        b[6] = (byte) type;
        b[7] = (byte) serializerId;
        putShort(b, 8, flags);
        putShort(b, 10, seq);
        putInt(b, 12, dataLength);
        putInt(b, 16, annotationsLength);
        java.util.Arrays.fill(b, 20, 38, (byte) 0);
        putShort(b, 38, MAGIC);
    }

    static boolean isPyro5(byte[] b) {
        return b[0] == 'P' && b[1] == 'Y' && b[2] == 'R' && b[3] == 'O' && getShort(b, 4) == VERSION
                && getShort(b, 38) == MAGIC;
    }

    static int type(byte[] b) {
        return b[6] & 0xff;
    }

    static int serializerId(byte[] b) {
        return b[7] & 0xff;
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

    static int annotationsLength(byte[] b) {
        return getInt(b, 16);
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
