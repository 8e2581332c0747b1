package io.pyrons.serializer.pickle;

import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro4's pickle serializer (id 4), on razorvine's pickle library embedded privately. A Python client
 * using {@code PYRO_SERIALIZER=pickle} gets real {@code Pyro4.core.URI}s and Pyro4 exceptions
 * ({@link PyroPickler}). Unpickling constructs only plain data and Pyro's own types: a pickle naming any
 * other global (os.system, subprocess.Popen, builtins.eval, ...) is refused with a
 * {@link io.pyrons.api.SecurityError} when the global is named, before anything is constructed
 * ({@link SafeUnpickler}, {@link PickleGlobal}). Whether pickle is accepted at all is the server's
 * decision ({@code serializers.accepted}). Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class,
        property = {Serializer.ID + ":Integer=4", Serializer.NAME + "=pickle"})
public class PickleSerializer implements Serializer {
    public PickleSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public int id() {
        return 4;
    }

    @Override
    public String name() {
        return "pickle";
    }

    @Override
    public byte[] serializeCall(Invocation call) {
        // Pyro4's dumpsCall: (object, method, vargs, kwargs); a proxy's vargs are a tuple, a batch's a list
        boolean batch = "<batch>".equals(call.method());
        Object vargs = batch ? call.args() : call.args().toArray();
        Object kwargs = batch && call.kwargs().isEmpty() ? null : call.kwargs();
        return PyroPickler.pickle(new Object[] {call.objectId(), call.method(), vargs, kwargs});
    }

    @Override
    public Invocation deserializeCall(byte[] data) {
        Object value = deserializeData(data);
        List<?> parts = value instanceof Object[] tuple ? Arrays.asList(tuple) : value instanceof List<?> l ? l : null;
        if (parts == null || parts.size() != 4) {
            throw new SerializeError("invalid pickle call: expected a tuple (object, method, vargs, kwargs)");
        }
        if (!(parts.get(0) instanceof String objectId) || !(parts.get(1) instanceof String method)) {
            throw new SerializeError("invalid pickle call: object id and method must be strings");
        }
        return new Invocation(objectId, method, vargs(parts.get(2)), kwargs(parts.get(3)));
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
        throw new SerializeError("invalid pickle call: vargs is a " + PythonTypes.nameOf(vargs));
    }

    private static Map<String, Object> kwargs(Object kwargs) {
        if (kwargs == null) {
            return null;
        }
        if (!(kwargs instanceof Map<?, ?> map)) {
            throw new SerializeError("invalid pickle call: kwargs is a " + PythonTypes.nameOf(kwargs));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SerializeError("invalid pickle call: keyword argument name is a " + PythonTypes.nameOf(e.getKey()));
            }
            result.put(key, e.getValue());
        }
        return Collections.unmodifiableMap(result);
    }

    @Override
    public byte[] serializeData(Object value) {
        return PyroPickler.pickle(value);
    }

    @Override
    public Object deserializeData(byte[] data) {
        if (data == null) {
            throw new SerializeError("no pickle data");
        }
        Object unpickled;
        try {
            unpickled = SafeUnpickler.unpickle(data);
        } catch (PythonException e) {
            throw e; // our own refusals (SecurityError, SerializeError) keep their type and message
        } catch (IOException | RuntimeException e) {
            // razorvine reports malformed data as PickleException, IOException or a plain runtime failure
            throw new SerializeError("invalid pickle data: " + e);
        }
        return PickledValues.convert(unpickled, data.length);
    }
}
