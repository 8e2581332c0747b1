package io.pyrons.naming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.protocol.values.PythonTypes;

/**
 * How Python sees a value of the serializer value model, beyond {@link PythonTypes}: its type name with
 * Pyro4's own types, whether it is hashable, and what iterating it yields. The name server's argument checks are written in these terms so
 * their errors read as Pyro4's.
 */
final class PythonValues {
    private PythonValues() {
    }

    /**
     * Python's {@code type(value).__name__}: {@link PythonTypes#nameOf} for the builtin types, and the names
     * Pyro4's own types and other objects have in a name server's error messages.
     */
    static String typeName(Object value) {
        if (value instanceof PyroURI) {
            return "URI";
        }
        if (value instanceof PythonException e) {
            return e.pythonName();
        }
        String name = PythonTypes.nameOf(value);
        // PythonTypes names other objects by their Java class name; Python's __name__ has no package
        return value != null && name.equals(value.getClass().getName()) ? value.getClass().getSimpleName() : name;
    }

    /** Lists, dicts and sets cannot be dict keys or set members. */
    static boolean hashable(Object value) {
        return !(value instanceof List || value instanceof Map || value instanceof Set);
    }

    /** {@code TypeError: unhashable type: 'list'} unless {@code value} is hashable. */
    static void requireHashable(Object value) {
        if (!hashable(value)) {
            throw PythonException.typeError("unhashable type: '" + typeName(value) + "'");
        }
    }

    /**
     * Pyro4's metadata checks and {@code set(metadata)}: a str is refused, a falsy value is no metadata, a
     * non-iterable is Python's {@code TypeError}. Items must be str here (Pyro4 would store other hashables,
     * which no client can query by a string tag).
     */
    static List<String> metadata(Object value, String what) {
        if (value instanceof String) {
            throw PythonException.typeError(what + " should not be a str, but another iterable (set, list, etc)");
        }
        if (!PythonTypes.truthy(value)) {
            return List.of();
        }
        Iterable<?> items = iterable(value);
        List<String> tags = new ArrayList<>();
        for (Object item : items) {
            requireHashable(item);
            if (!(item instanceof String tag)) {
                throw PythonException.typeError(what + " items must be str, not " + typeName(item));
            }
            tags.add(tag);
        }
        return tags;
    }

    private static Iterable<?> iterable(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        if (value instanceof Object[] tuple) {
            return Arrays.asList(tuple);
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet();
        }
        if (value instanceof byte[] bytes) {
            List<Long> ints = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                ints.add((long) (b & 0xff));
            }
            return ints;
        }
        throw PythonException.typeError("'" + typeName(value) + "' object is not iterable");
    }
}
