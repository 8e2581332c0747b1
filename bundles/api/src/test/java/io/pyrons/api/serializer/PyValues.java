package io.pyrons.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Building and comparing values of the {@link Serializer} value model in the serializers' tests: tuples,
 * bytes and exceptions compare by content, dicts and sets regardless of order, and every leaf also by its
 * Java type ({@code Long} is not {@code Integer}). Also reads the fixture files Pyro4 wrote.
 */
public final class PyValues {
    private PyValues() {
    }

    /** The bytes of {@code fixtures/<file>} beside {@code owner}, as src/test/python/make_fixtures.py wrote them. */
    public static byte[] fixture(Class<?> owner, String file) throws IOException {
        String resource = "fixtures/" + file;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no fixture " + resource + ": run src/test/python/make_fixtures.py");
            }
            return in.readAllBytes();
        }
    }

    /** A Python tuple: an {@code Object[]}. */
    public static Object[] tuple(Object... items) {
        return items;
    }

    /** A Python list (fixed size). */
    public static List<Object> list(Object... items) {
        return Arrays.asList(items);
    }

    /** A Python set, in the order given. */
    public static Set<Object> set(Object... items) {
        return new LinkedHashSet<>(Arrays.asList(items));
    }

    /** A Python dict from alternating keys and values, in that order. */
    public static Map<Object, Object> dict(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            map.put(keysAndValues[k], keysAndValues[k + 1]);
        }
        return map;
    }

    /** The same object id and method, and equal arguments as {@link #assertValue(Object, Object)} sees them. */
    public static void assertInvocation(Invocation expected, Invocation actual) {
        assertEquals(expected.objectId(), actual.objectId());
        assertEquals(expected.method(), actual.method());
        assertValue(expected.args(), actual.args());
        assertValue(expected.kwargs(), actual.kwargs());
    }

    /** Equal as Python sees them, and of the same Java types; a failure names the path to the difference. */
    public static void assertValue(Object expected, Object actual) {
        assertValue(expected, actual, "value");
    }

    private static void assertValue(Object expected, Object actual, String path) {
        if (expected instanceof Object[] e) {
            if (!(actual instanceof Object[] a)) {
                fail(path + ": expected a tuple, got " + describe(actual));
                return;
            }
            assertEquals(e.length, a.length, path + ": tuple length");
            for (int k = 0; k < e.length; k++) {
                assertValue(e[k], a[k], path + "[" + k + "]");
            }
        } else if (expected instanceof byte[] e) {
            if (!(actual instanceof byte[] a) || !Arrays.equals(e, a)) {
                fail(path + ": expected bytes " + Arrays.toString(e) + ", got " + describe(actual));
            }
        } else if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a)) {
                fail(path + ": expected a list, got " + describe(actual));
                return;
            }
            assertEquals(e.size(), a.size(), path + ": list length");
            for (int k = 0; k < e.size(); k++) {
                assertValue(e.get(k), a.get(k), path + "[" + k + "]");
            }
        } else if (expected instanceof Set<?> e) {
            if (!(actual instanceof Set<?> a)) {
                fail(path + ": expected a set, got " + describe(actual));
                return;
            }
            assertEquals(e, a, path);
        } else if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                fail(path + ": expected a dict, got " + describe(actual));
                return;
            }
            assertEquals(e.size(), a.size(), path + ": dict size " + a.keySet());
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Object key = entry.getKey();
                Object actualKey = key;
                if (key instanceof Object[] tupleKey) { // tuples hash by identity: find the equal one
                    actualKey = a.keySet().stream().filter(k -> k instanceof Object[] t && Arrays.deepEquals(t, tupleKey))
                            .findFirst().orElse(null);
                }
                if (actualKey == null || !a.containsKey(actualKey)) {
                    fail(path + ": no key " + Arrays.deepToString(new Object[] {key}) + " in " + a.keySet());
                }
                assertValue(entry.getValue(), a.get(actualKey), path + "[" + key + "]");
            }
        } else if (expected instanceof PythonException e) {
            if (!(actual instanceof PythonException a)) {
                fail(path + ": expected " + e.pythonType() + ", got " + describe(actual));
                return;
            }
            assertEquals(e.pythonType(), a.pythonType(), path + ": exception type");
            assertEquals(e.getClass(), a.getClass(), path + ": Java exception class");
            assertValue(e.args(), a.args(), path + ".args");
            assertValue(e.attributes(), a.attributes(), path + ".attributes");
        } else if (expected instanceof ExceptionWrapper e) {
            if (!(actual instanceof ExceptionWrapper a)) {
                fail(path + ": expected an _ExceptionWrapper, got " + describe(actual));
                return;
            }
            assertValue(e.exception(), a.exception(), path + ".exception");
        } else if (expected instanceof PyroURI e) {
            // parsed or built from parts: two forms of one value type
            if (!(actual instanceof PyroURI a)) {
                fail(path + ": expected a URI, got " + describe(actual));
                return;
            }
            assertEquals(e, a, path);
        } else if (expected instanceof Double e && e.isNaN()) {
            if (!(actual instanceof Double a) || !a.isNaN()) {
                fail(path + ": expected nan, got " + describe(actual));
            }
        } else {
            assertEquals(expected, actual, path);
            if (expected != null) {
                assertEquals(expected.getClass(), actual.getClass(), path + ": Java type");
            }
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Object[] a) {
            return "tuple " + Arrays.deepToString(a);
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return value.getClass().getSimpleName() + " " + value;
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
