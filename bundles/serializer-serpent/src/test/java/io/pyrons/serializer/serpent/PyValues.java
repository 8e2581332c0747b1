package io.pyrons.serializer.serpent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helpers: building Python-shaped values and comparing them deeply (tuples, bytes, exceptions, order). */
final class PyValues {
    private PyValues() {
    }

    static Object[] tuple(Object... items) {
        return items;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Set<Object> set(Object... items) {
        return new LinkedHashSet<>(Arrays.asList(items));
    }

    /** A dict from alternating keys and values, in that order. */
    static Map<Object, Object> dict(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            map.put(keysAndValues[k], keysAndValues[k + 1]);
        }
        return map;
    }

    static byte[] fixture(String name) {
        try (InputStream in = PyValues.class.getResourceAsStream("fixtures/" + name + ".serpent")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertInvocation(Invocation expected, Invocation actual) {
        assertEquals(expected.objectId(), actual.objectId());
        assertEquals(expected.method(), actual.method());
        assertValue(expected.args(), actual.args(), "args");
        assertValue(expected.kwargs(), actual.kwargs(), "kwargs");
    }

    /** Deep equality as Python sees it, plus the Java type and, for dicts and sets, the order. */
    static void assertValue(Object expected, Object actual) {
        assertValue(expected, actual, "value");
    }

    static void assertValue(Object expected, Object actual, String path) {
        if (expected == null) {
            assertEquals(null, actual, path);
        } else if (expected instanceof Object[] e) {
            Object[] a = assertInstanceOf(Object[].class, actual, path);
            assertEquals(e.length, a.length, path + " length");
            for (int k = 0; k < e.length; k++) {
                assertValue(e[k], a[k], path + "[" + k + "]");
            }
        } else if (expected instanceof byte[] e) {
            assertArrayEquals(e, assertInstanceOf(byte[].class, actual, path), path);
        } else if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = assertInstanceOf(Map.class, actual, path);
            assertValue(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), path + " keys");
            assertValue(new ArrayList<>(e.values()), new ArrayList<>(a.values()), path + " values");
        } else if (expected instanceof Collection<?> e) {
            Class<?> kind = expected instanceof Set ? Set.class : List.class;
            Collection<?> a = (Collection<?>) assertInstanceOf(kind, actual, path);
            assertEquals(e.size(), a.size(), path + " size");
            List<?> el = new ArrayList<>(e);
            List<?> al = new ArrayList<>(a);
            for (int k = 0; k < el.size(); k++) {
                assertValue(el.get(k), al.get(k), path + "[" + k + "]");
            }
        } else if (expected instanceof PythonException e) {
            PythonException a = assertInstanceOf(PythonException.class, actual, path);
            assertEquals(e.getClass(), a.getClass(), path + " class");
            assertEquals(e.pythonType(), a.pythonType(), path + " type");
            assertValue(e.args(), a.args(), path + " args");
            assertValue(e.attributes(), a.attributes(), path + " attributes");
        } else if (expected instanceof ExceptionWrapper e) {
            assertValue(e.exception(), assertInstanceOf(ExceptionWrapper.class, actual, path).exception(), path + " exception");
        } else if (expected instanceof PyroURI e) {
            assertEquals(e, assertInstanceOf(PyroURI.class, actual, path), path); // parsed or built: one value type
        } else {
            assertEquals(expected.getClass(), actual == null ? null : actual.getClass(), path + " type");
            assertEquals(expected, actual, path);
        }
    }
}
