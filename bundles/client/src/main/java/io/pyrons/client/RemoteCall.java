package io.pyrons.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One call of a batch: method name, positional and keyword arguments (values of the serializer value model). */
public record RemoteCall(String method, List<Object> args, Map<String, Object> kwargs) {
    public RemoteCall {
        Objects.requireNonNull(method, "method");
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }

    public static RemoteCall of(String method, Object... args) {
        return new RemoteCall(method, java.util.Arrays.asList(args), Map.of());
    }
}
