package io.pyrons.serializer.pickle;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.protocol.values.PythonTypes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what {@link SafeUnpickler} left (razorvine's containers and numbers, {@link PendingObject}s) into
 * the value model. A pickle's memo lets one object appear many times: each object is converted once
 * (identity memo), a reference to an object still being converted (a cycle) is refused, and no value may
 * expand beyond the input's length plus {@link #SHARING_ALLOWANCE} nodes, so a few hundred bytes cannot
 * stand for a billion values. Nesting is bounded by {@link #MAX_DEPTH}. One instance per message.
 */
final class PickledValues {
    static final int MAX_DEPTH = 200;
    static final long SHARING_ALLOWANCE = 1_000_000;

    private final long maxWeight;
    private final Map<Object, Converted> done = new IdentityHashMap<>();
    private final Map<Object, Boolean> inProgress = new IdentityHashMap<>();

    private record Converted(Object value, long weight) {
    }

    private PickledValues(long maxWeight) {
        this.maxWeight = maxWeight;
    }

    static Object convert(Object unpickled, int inputLength) {
        return new PickledValues(inputLength + SHARING_ALLOWANCE).node(unpickled, 0).value();
    }

    private Converted node(Object raw, int depth) {
        if (raw == null || raw instanceof String || raw instanceof Boolean || raw instanceof Double) {
            return new Converted(raw, raw instanceof String s ? 1 + s.length() / 8 : 1);
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return new Converted(((Number) raw).longValue(), 1);
        }
        if (raw instanceof BigInteger big) {
            return new Converted(big.bitLength() < 64 ? (Object) big.longValue() : big, 1);
        }
        if (raw instanceof Float f) {
            return new Converted(f.doubleValue(), 1);
        }
        if (raw instanceof byte[] bytes) {
            return new Converted(bytes, 1 + bytes.length / 8);
        }
        Converted known = done.get(raw);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            throw new SerializeError("pickle data nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        if (inProgress.put(raw, Boolean.TRUE) != null) {
            throw new SerializeError("unsupported pickle data: recursive data structure");
        }
        Converted result = convertContainer(raw, depth);
        inProgress.remove(raw);
        done.put(raw, result);
        return result;
    }

    private Converted convertContainer(Object raw, int depth) {
        long[] weight = {1};
        if (raw instanceof Object[] tuple) {
            Object[] result = new Object[tuple.length];
            for (int k = 0; k < tuple.length; k++) {
                result[k] = element(tuple[k], depth, weight);
            }
            return new Converted(result, weight[0]);
        }
        if (raw instanceof Set<?> set) {
            Set<Object> result = new LinkedHashSet<>();
            for (Object element : set) {
                result.add(element(element, depth, weight));
            }
            return new Converted(result, weight[0]);
        }
        if (raw instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object element : list) {
                result.add(element(element, depth, weight));
            }
            return new Converted(result, weight[0]);
        }
        if (raw instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = element(e.getKey(), depth, weight);
                result.put(key, element(e.getValue(), depth, weight));
            }
            return new Converted(result, weight[0]);
        }
        if (raw instanceof PendingObject.Uri uri) {
            return new Converted(uri(uri.state, depth, weight), weight[0]);
        }
        if (raw instanceof PendingObject.ExceptionObject ex) {
            return new Converted(exception(ex, depth, weight), weight[0]);
        }
        if (raw instanceof PendingObject.Wrapper wrapper) {
            if (!(element(wrapper.exception, depth, weight) instanceof PythonException ex)) {
                throw new SerializeError("invalid Pyro4.futures._ExceptionWrapper: no exception");
            }
            return new Converted(new ExceptionWrapper(ex), weight[0]);
        }
        if (raw instanceof PickleGlobal global) {
            throw new SerializeError("unsupported pickle data: the class " + global.pythonType() + " itself is not a value");
        }
        throw new SerializeError("unsupported pickle data: " + raw.getClass().getSimpleName());
    }

    private Object element(Object raw, int depth, long[] weight) {
        Converted converted = node(raw, depth + 1);
        weight[0] += converted.weight();
        if (weight[0] > maxWeight) {
            throw new SerializeError("pickle data expands too much through shared references (more than "
                    + maxWeight + " values)");
        }
        return converted.value();
    }

    private PythonException exception(PendingObject.ExceptionObject ex, int depth, long[] weight) {
        List<Object> args = new ArrayList<>();
        for (Object arg : ex.args) {
            args.add(element(arg, depth, weight));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ex.attributes.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new SerializeError("invalid pickled exception " + ex.pythonType + ": attribute name is not a str");
            }
            attributes.put(name, element(e.getValue(), depth, weight));
        }
        return PythonException.of(ex.pythonType, args, attributes);
    }

    private PyroURI uri(Object state, int depth, long[] weight) {
        if (state instanceof String text) {
            return PyroURI.parse(text);
        }
        if (!(state instanceof Object[] raw) || raw.length != 5) {
            throw new SerializeError("invalid Pyro4.core.URI state: expected (protocol, object, sockname, host, port)");
        }
        Object[] fields = (Object[]) element(raw, depth, weight);
        if (!(fields[0] instanceof String protocol)) {
            throw new SerializeError("invalid Pyro4.core.URI state: protocol is a " + PythonTypes.nameOf(fields[0]));
        }
        Object object = fields[1] instanceof Object[] tuple ? Arrays.asList(tuple) : fields[1];
        if (object instanceof Collection<?> c) {
            if (!c.stream().allMatch(String.class::isInstance)) {
                throw new SerializeError("invalid Pyro4.core.URI state: metadata must be strings");
            }
        } else if (!(object instanceof String)) {
            throw new SerializeError("invalid Pyro4.core.URI state: object is a " + PythonTypes.nameOf(object));
        }
        if (fields[2] != null && !(fields[2] instanceof String) || fields[3] != null && !(fields[3] instanceof String)) {
            throw new SerializeError("invalid Pyro4.core.URI state: sockname and host must be str or None");
        }
        Integer port = null;
        if (fields[4] instanceof Long l && l >= 0 && l <= 65535) {
            port = l.intValue();
        } else if (fields[4] != null) {
            throw new SerializeError("invalid Pyro4.core.URI state: port " + fields[4]);
        }
        return PyroURI.fromState(protocol, object, (String) fields[2], (String) fields[3], port);
    }
}
