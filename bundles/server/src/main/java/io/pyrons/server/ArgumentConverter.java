package io.pyrons.server;

import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.pyrons.api.PythonException;
import io.pyrons.protocol.values.PythonTypes;

/**
 * Fits a value of the serializer value model (Long, Double, Object[] for tuples, List, ...) to a Java parameter
 * type; a value that cannot fit is the TypeError a Python function would raise.
 */
final class ArgumentConverter {
    private ArgumentConverter() {
    }

    static Object convert(Object value, Type type, String method, String parameter) {
        Class<?> raw = raw(type);
        if (value == null) {
            if (raw.isPrimitive()) {
                throw mismatch(method, parameter, raw, null);
            }
            return null;
        }
        Class<?> boxed = box(raw);
        if (boxed.isInstance(value) && !(value instanceof Collection<?> && raw != Object.class)) {
            return value;
        }
        if (value instanceof Number n && !(value instanceof Boolean)) {
            Object number = number(n, boxed);
            if (number != null) {
                return number;
            }
        }
        if (value instanceof Object[] tuple) {
            return sequence(Arrays.asList(tuple), type, raw, method, parameter);
        }
        if (value instanceof Collection<?> c) {
            return sequence(c, type, raw, method, parameter);
        }
        if (raw.isArray() && value instanceof byte[] && raw == byte[].class) {
            return value;
        }
        throw mismatch(method, parameter, raw, value);
    }

    private static Object number(Number n, Class<?> boxed) {
        boolean integral = n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
        if (integral) {
            BigInteger big = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
            try {
                if (boxed == Long.class) {
                    return big.longValueExact();
                }
                if (boxed == Integer.class) {
                    return big.intValueExact();
                }
                if (boxed == Short.class) {
                    return big.shortValueExact();
                }
                if (boxed == Byte.class) {
                    return big.byteValueExact();
                }
            } catch (ArithmeticException e) {
                throw PythonException.valueError("int too large to convert: " + big);
            }
            if (boxed == BigInteger.class || boxed == Number.class) {
                return boxed == BigInteger.class ? big : n;
            }
        }
        if (boxed == Double.class) {
            return n.doubleValue();
        }
        if (boxed == Float.class) {
            return n.floatValue();
        }
        return null;
    }

    private static Object sequence(Collection<?> items, Type type, Class<?> raw, String method, String parameter) {
        if (raw.isArray()) {
            Class<?> component = raw.getComponentType();
            Object array = Array.newInstance(component, items.size());
            int i = 0;
            for (Object item : items) {
                Array.set(array, i++, convert(item, component, method, parameter));
            }
            return array;
        }
        Type elementType = type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                ? p.getActualTypeArguments()[0] : Object.class;
        if (raw.isAssignableFrom(ArrayList.class)) {
            List<Object> list = new ArrayList<>(items.size());
            for (Object item : items) {
                list.add(convert(item, elementType, method, parameter));
            }
            return list;
        }
        if (raw.isAssignableFrom(LinkedHashSet.class) || raw == Set.class) {
            Set<Object> set = new LinkedHashSet<>();
            for (Object item : items) {
                set.add(convert(item, elementType, method, parameter));
            }
            return set;
        }
        throw mismatch(method, parameter, raw, items);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    private static PythonException mismatch(String method, String parameter, Class<?> expected, Object value) {
        String got = PythonTypes.nameOf(value);
        return PythonException.typeError(method + "() argument '" + parameter + "' must be "
                + expected.getSimpleName() + ", not " + got);
    }
}
