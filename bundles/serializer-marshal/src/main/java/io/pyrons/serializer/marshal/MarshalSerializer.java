package io.pyrons.serializer.marshal;

import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro4's marshal serializer (id 3): Python 3's marshal format as {@code Pyro4.util.MarshalSerializer}
 * writes and reads it on Python 3.11, with our own codec ({@link MarshalReader}, {@link MarshalWriter}).
 * A call is the tuple {@code (object, method, vargs, kwargs)}; Pyro's URIs, exceptions and
 * {@code _ExceptionWrapper} travel as Pyro4's class dicts and are recreated as Pyro4's
 * {@code recreate_classes} does. Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class,
        property = {Serializer.ID + ":Integer=3", Serializer.NAME + "=marshal"})
public class MarshalSerializer implements Serializer {
    public MarshalSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public int id() {
        return 3;
    }

    @Override
    public String name() {
        return "marshal";
    }

    @Override
    public byte[] serializeCall(Invocation call) {
        return MarshalWriter.call(call);
    }

    @Override
    public Invocation deserializeCall(byte[] data) {
        Object literal = MarshalReader.read(data);
        List<?> parts = literal instanceof Object[] tuple ? Arrays.asList(tuple) : literal instanceof List<?> l ? l : null;
        if (parts == null || parts.size() != 4) {
            throw new SerializeError("invalid marshal call: expected a tuple (object, method, vargs, kwargs)");
        }
        if (!(parts.get(0) instanceof String objectId) || !(parts.get(1) instanceof String method)) {
            throw new SerializeError("invalid marshal call: object id and method must be strings");
        }
        return new Invocation(objectId, method, vargs(PyroClassDicts.recreate(parts.get(2))),
                kwargs(PyroClassDicts.recreate(parts.get(3))));
    }

    private static List<Object> vargs(Object vargs) {
        if (vargs == null) {
            return null;
        }
        if (vargs instanceof Object[] tuple) {
            return Collections.unmodifiableList(Arrays.asList(tuple));
        }
        if (vargs instanceof List<?> list) {
            return Collections.unmodifiableList(list);
        }
        throw new SerializeError("invalid marshal call: vargs is a " + PythonTypes.nameOf(vargs));
    }

    private static Map<String, Object> kwargs(Object kwargs) {
        if (kwargs == null) {
            return null;
        }
        if (!(kwargs instanceof Map<?, ?> map)) {
            throw new SerializeError("invalid marshal call: kwargs is a " + PythonTypes.nameOf(kwargs));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SerializeError("invalid marshal call: keyword argument name is a " + PythonTypes.nameOf(e.getKey()));
            }
            result.put(key, e.getValue());
        }
        return Collections.unmodifiableMap(result);
    }

    @Override
    public byte[] serializeData(Object value) {
        return MarshalWriter.data(value);
    }

    @Override
    public Object deserializeData(byte[] data) {
        return PyroClassDicts.recreate(MarshalReader.read(data));
    }
}
