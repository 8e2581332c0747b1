package io.pyrons.serializer.serpent;

import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro4's serpent serializer (id 1): Python literal text, as {@code Pyro4.util.SerpentSerializer} writes
 * and reads it. Reading: {@link SerpentSource} checks and normalises the text, {@link LiteralParser}
 * reads it (scalars through serpent-java's parser, embedded privately). Writing reproduces Python's
 * output ({@link SerpentWriter}). Pyro's URIs, exceptions and {@code _ExceptionWrapper} travel as the class
 * dicts Pyro4 uses and are recreated as Pyro4's {@code dict_to_class} does ({@link PyroClasses}).
 * Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class,
        property = {Serializer.ID + ":Integer=1", Serializer.NAME + "=serpent"})
public class SerpentSerializer implements Serializer {
    public SerpentSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public int id() {
        return 1;
    }

    @Override
    public String name() {
        return "serpent";
    }

    @Override
    public byte[] serializeCall(Invocation call) {
        return SerpentWriter.call(call);
    }

    @Override
    public Invocation deserializeCall(byte[] data) {
        Object literal = parse(data);
        List<?> parts = literal instanceof Object[] tuple ? Arrays.asList(tuple) : literal instanceof List<?> l ? l : null;
        if (parts == null || parts.size() != 4) {
            throw new SerializeError("invalid serpent call: expected a tuple (object, method, vargs, kwargs)");
        }
        if (!(parts.get(0) instanceof String objectId) || !(parts.get(1) instanceof String method)) {
            throw new SerializeError("invalid serpent call: object id and method must be strings");
        }
        return new Invocation(objectId, method, vargs(parts.get(2)), kwargs(parts.get(3)));
    }

    private static List<Object> vargs(Object literal) {
        Object vargs = PyroClasses.recreate(literal);
        if (vargs == null) {
            return null;
        }
        if (vargs instanceof Object[] tuple) {
            return Collections.unmodifiableList(Arrays.asList(tuple));
        }
        if (vargs instanceof List<?> list) {
            return Collections.unmodifiableList(new ArrayList<>(list));
        }
        throw new SerializeError("invalid serpent call: vargs is a " + PythonTypes.nameOf(vargs));
    }

    private static Map<String, Object> kwargs(Object literal) {
        Object kwargs = PyroClasses.recreate(literal);
        if (kwargs == null) {
            return null;
        }
        if (!(kwargs instanceof Map<?, ?> map)) {
            throw new SerializeError("invalid serpent call: kwargs is a " + PythonTypes.nameOf(kwargs));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SerializeError("invalid serpent call: keyword argument name is a " + PythonTypes.nameOf(e.getKey()));
            }
            result.put(key, e.getValue());
        }
        return Collections.unmodifiableMap(result);
    }

    @Override
    public byte[] serializeData(Object value) {
        return SerpentWriter.data(value);
    }

    @Override
    public Object deserializeData(byte[] data) {
        return PyroClasses.recreate(parse(data));
    }

    /** Python's {@code serpent.loads}: bytes to literal values, any failure a {@link SerializeError}. */
    private static Object parse(byte[] data) {
        if (data == null) {
            throw new SerializeError("no serpent data");
        }
        return LiteralParser.parse(SerpentSource.prepare(data));
    }
}
