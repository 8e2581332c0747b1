package io.pyrons.serializer.marshal;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.values.CallTuple;
import io.pyrons.protocol.values.PyroClassDicts;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro's marshal serializer: Python 3's marshal format as {@code Pyro4.util.MarshalSerializer} and
 * {@code Pyro5.serializers.MarshalSerializer} write and read it on Python 3.11 (the same format; the protocol only
 * names Pyro's classes), with our own codec ({@link MarshalReader}, {@link MarshalWriter}).
 * A call is the tuple {@code (object, method, vargs, kwargs)}; Pyro's URIs, exceptions and
 * {@code _ExceptionWrapper} travel as Pyro4's class dicts and are recreated as Pyro4's
 * {@code recreate_classes} does. Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class)
@PyroSerializer(name = "marshal", id = 3, pyro5Id = 2)
public class MarshalSerializer implements Serializer {
    public MarshalSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
        return MarshalWriter.call(call, protocol);
    }

    @Override
    public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
        return CallTuple.toInvocation(MarshalReader.read(data), "marshal", literal -> PyroClassDicts.recreate(literal, protocol));
    }

    @Override
    public byte[] serializeData(Object value, PyroProtocol protocol) {
        return MarshalWriter.data(value, protocol);
    }

    @Override
    public Object deserializeData(byte[] data, PyroProtocol protocol) {
        return PyroClassDicts.recreate(MarshalReader.read(data), protocol);
    }
}
