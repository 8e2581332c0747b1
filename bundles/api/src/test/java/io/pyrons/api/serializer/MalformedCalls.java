package io.pyrons.api.serializer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import java.util.List;
import java.util.Map;

/** Well-formed data that is no Pyro4 call tuple {@code (object, method, vargs, kwargs)}, for the tuple formats. */
public final class MalformedCalls {
    private MalformedCalls() {
    }

    /** Each such value, written as data, is refused by {@code deserializeCall} with a {@link SerializeError}. */
    public static void assertRefused(Serializer serializer) {
        assertRefused(serializer, PyroProtocol.PYRO4);
    }

    /** {@link #assertRefused(Serializer)} for a serializer read and written as {@code protocol}'s. */
    public static void assertRefused(Serializer serializer, PyroProtocol protocol) {
        for (Object call : new Object[] {List.of(1, 2), new Object[] {"x", "m", List.of()}, new Object[] {1, "m", List.of(), Map.of()},
            new Object[] {"x", "m", 5L, Map.of()}, new Object[] {"x", "m", List.of(), List.of()}, new Object[] {"x", "m", List.of(), Map.of(1L, 2L)}}) {
            byte[] data = serializer.serializeData(call, protocol);
            assertThrows(SerializeError.class, () -> serializer.deserializeCall(data, protocol));
        }
    }
}
