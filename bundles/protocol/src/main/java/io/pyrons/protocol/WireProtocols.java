package io.pyrons.protocol;

import java.nio.ByteBuffer;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.ProtocolError;

/**
 * Which protocol a connection speaks, from the first {@value #DETECTION_BYTES} bytes its client sends (a client
 * always speaks first): {@code PYRO} and the version, 48 for Pyro4, 502 for Pyro5. Both Pyro versions read exactly
 * these bytes before anything else, so the rest of the header can be read by the protocol found.
 */
public final class WireProtocols {
    public static final int DETECTION_BYTES = 6;

    private WireProtocols() {
    }

    /** The protocol of a header that starts with these bytes; anything else is Pyro4's ProtocolError. */
    public static PyroProtocol detect(ByteBuffer first) {
        if (first.remaining() < DETECTION_BYTES) {
            throw new ProtocolError("header data size mismatch");
        }
        int p = first.position();
        if (first.get(p) != 'P' || first.get(p + 1) != 'Y' || first.get(p + 2) != 'R' || first.get(p + 3) != 'O') {
            throw new ProtocolError("invalid data or unsupported protocol version");
        }
        int version = ((first.get(p + 4) & 0xff) << 8) | (first.get(p + 5) & 0xff);
        PyroProtocol protocol = PyroProtocol.ofVersion(version);
        if (protocol == null) {
            throw new ProtocolError("invalid data or unsupported protocol version");
        }
        return protocol;
    }

    /** The header size of {@code protocol}'s messages. */
    public static int headerSize(PyroProtocol protocol) {
        return protocol == PyroProtocol.PYRO5 ? Pyro5Header.SIZE : MessageHeader.SIZE;
    }
}
