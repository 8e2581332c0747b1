package io.pyrons.api.serializer;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PythonException;

/**
 * What every serializer's fuzz target checks: any bytes either read as a value (or a call) that the serializer can
 * write again, or end in one of the documented errors, the {@link PythonException}s Pyro4 raises
 * ({@code SerializeError}, {@code ProtocolError}, {@code SecurityError}, ...). Any other exception, a hang or an
 * OutOfMemoryError is a finding. The first byte chooses data or call, so one target covers both readers.
 */
public final class SerializerFuzzing {
    private SerializerFuzzing() {
    }

    public static void readAnything(Serializer serializer, byte[] input) {
        readAnything(serializer, input, PyroProtocol.PYRO4);
    }

    /** {@link #readAnything(Serializer, byte[])} for a serializer read and written as {@code protocol}'s. */
    public static void readAnything(Serializer serializer, byte[] input, PyroProtocol protocol) {
        if (input.length == 0) {
            return;
        }
        byte[] data = java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            if ((input[0] & 1) == 0) {
                Object value = serializer.deserializeData(data, protocol);
                serializer.serializeData(value, protocol);
            } else {
                serializer.serializeCall(serializer.deserializeCall(data, protocol), protocol);
            }
        } catch (PythonException documented) {
            // the error a Pyro4 client gets
        }
    }
}
