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
        WireHeader.putShort(b, 4, VERSION);
        b[6] = (byte) type;
        b[7] = (byte) serializerId;
        WireHeader.putShort(b, 8, flags);
        WireHeader.putShort(b, 10, seq);
        WireHeader.putInt(b, 12, dataLength);
        WireHeader.putInt(b, 16, annotationsLength);
        java.util.Arrays.fill(b, 20, 38, (byte) 0);
        WireHeader.putShort(b, 38, MAGIC);
    }

    static boolean isPyro5(byte[] b) {
        return b[0] == 'P' && b[1] == 'Y' && b[2] == 'R' && b[3] == 'O' && WireHeader.getShort(b, 4) == VERSION
                && WireHeader.getShort(b, 38) == MAGIC;
    }

    static int type(byte[] b) {
        return b[6] & 0xff;
    }

    static int serializerId(byte[] b) {
        return b[7] & 0xff;
    }

    static int flags(byte[] b) {
        return WireHeader.getShort(b, 8);
    }

    static int seq(byte[] b) {
        return WireHeader.getShort(b, 10);
    }

    static int dataLength(byte[] b) {
        return WireHeader.getInt(b, 12);
    }

    static int annotationsLength(byte[] b) {
        return WireHeader.getInt(b, 16);
    }
}
