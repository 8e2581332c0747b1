package io.pyrons.api.serializer;

import java.util.List;
import java.util.Map;

/**
 * A remote call as it travels in an INVOKE message: object id, method name, positional and keyword
 * arguments. For a batch call ({@code FLAGS_BATCH}) {@code args} holds the calls, each a tuple
 * {@code (method, args, kwargs)}.
 */
public record Invocation(String objectId, String method, List<Object> args, Map<String, Object> kwargs) {
    public Invocation {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }
}
