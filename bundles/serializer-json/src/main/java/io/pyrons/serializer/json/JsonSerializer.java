package io.pyrons.serializer.json;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.values.PyroClassDicts;
import io.pyrons.protocol.values.PythonTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro's json serializer, as {@code Pyro4.util.JsonSerializer} and {@code Pyro5.serializers.JsonSerializer} write
 * and read it (the same format; the protocol only names Pyro's classes), on Jackson's
 * streaming parser and generator. A call is the object {@code {"object", "method", "params", "kwargs"}};
 * Pyro's URIs, exceptions and {@code _ExceptionWrapper} travel as Pyro4's class dicts and are recreated as
 * Pyro4's {@code dict_to_class} does. json has no tuples, sets or bytes: tuples and sets are written as
 * arrays and read back as lists, bytes are refused as Pyro4 refuses them. Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class)
@PyroSerializer(name = "json", id = 2, pyro5Id = 3)
public class JsonSerializer implements Serializer {
    public JsonSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
        return JsonWriter.call(call, protocol);
    }

    @Override
    public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
        if (!(JsonReader.read(data) instanceof Map<?, ?> envelope)) {
            throw new SerializeError("invalid json call: expected an object with object, method, params and kwargs");
        }
        for (String key : List.of("object", "method", "params", "kwargs")) {
            if (!envelope.containsKey(key)) {
                throw new SerializeError("invalid json call: no '" + key + "'");
            }
        }
        if (!(envelope.get("object") instanceof String objectId) || !(envelope.get("method") instanceof String method)) {
            throw new SerializeError("invalid json call: object and method must be strings");
        }
        Object params = PyroClassDicts.recreate(envelope.get("params"), protocol);
        if (params != null && !(params instanceof List)) {
            throw new SerializeError("invalid json call: params is a " + PythonTypes.nameOf(params));
        }
        Object kwargs = PyroClassDicts.recreate(envelope.get("kwargs"), protocol);
        if (kwargs != null && !(kwargs instanceof Map)) {
            throw new SerializeError("invalid json call: kwargs is a " + PythonTypes.nameOf(kwargs));
        }
        @SuppressWarnings("unchecked")
        List<Object> args = params == null ? null : Collections.unmodifiableList((List<Object>) params);
        return new Invocation(objectId, method, args, keywords((Map<?, ?>) kwargs));
    }

    private static Map<String, Object> keywords(Map<?, ?> kwargs) {
        if (kwargs == null) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        kwargs.forEach((key, value) -> result.put((String) key, value)); // json object keys are always strings
        return Collections.unmodifiableMap(result);
    }

    @Override
    public byte[] serializeData(Object value, PyroProtocol protocol) {
        return JsonWriter.data(value, protocol);
    }

    @Override
    public Object deserializeData(byte[] data, PyroProtocol protocol) {
        return PyroClassDicts.recreate(JsonReader.read(data), protocol);
    }
}
