package io.pyrons.protocol.values;

import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Pyro4's call as the tuple-based formats (serpent, marshal, pickle) carry it:
 * {@code (object, method, vargs, kwargs)}, as {@code loadsCall} reads it. Anything else is a
 * {@link SerializeError} naming the format and what was wrong.
 */
public final class CallTuple {
    private CallTuple() {
    }

    /**
     * The invocation a decoded call tuple stands for.
     *
     * @param value the decoded message body
     * @param format the serializer's name, for error messages
     * @param recreate what the format does to vargs and kwargs after decoding (Pyro4's
     *        {@code recreate_classes}, or nothing for pickle)
     */
    public static Invocation toInvocation(Object value, String format, UnaryOperator<Object> recreate) {
        List<?> parts = value instanceof Object[] tuple ? Arrays.asList(tuple) : value instanceof List<?> l ? l : null;
        if (parts == null || parts.size() != 4) {
            throw new SerializeError("invalid " + format + " call: expected a tuple (object, method, vargs, kwargs)");
        }
        if (!(parts.get(0) instanceof String objectId) || !(parts.get(1) instanceof String method)) {
            throw new SerializeError("invalid " + format + " call: object id and method must be strings");
        }
        List<Object> vargs = vargs(recreate.apply(parts.get(2)), format);
        return new Invocation(objectId, method, vargs, kwargs(recreate.apply(parts.get(3)), format));
    }

    private static List<Object> vargs(Object vargs, String format) {
        if (vargs == null) {
            return null;
        }
        if (vargs instanceof Object[] tuple) {
            return Collections.unmodifiableList(Arrays.asList(tuple));
        }
        if (vargs instanceof List<?> list) {
            return Collections.unmodifiableList(new ArrayList<>(list));
        }
        throw new SerializeError("invalid " + format + " call: vargs is a " + PythonTypes.nameOf(vargs));
    }

    private static Map<String, Object> kwargs(Object kwargs, String format) {
        if (kwargs == null) {
            return null;
        }
        if (!(kwargs instanceof Map<?, ?> map)) {
            throw new SerializeError("invalid " + format + " call: kwargs is a " + PythonTypes.nameOf(kwargs));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SerializeError("invalid " + format + " call: keyword argument name is a "
                        + PythonTypes.nameOf(e.getKey()));
            }
            result.put(key, e.getValue());
        }
        return Collections.unmodifiableMap(result);
    }
}
