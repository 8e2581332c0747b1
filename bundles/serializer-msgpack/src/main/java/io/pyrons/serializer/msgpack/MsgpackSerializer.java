package io.pyrons.serializer.msgpack;

import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.values.CallTuple;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro5's msgpack serializer, as {@code Pyro5.serializers.MsgpackSerializer} writes and reads it
 * ({@code use_bin_type=True}, {@code raw=False}), on msgpack-core. A call is the array {@code (object, method,
 * vargs, kwargs)}; Pyro's URIs, exceptions and {@code _ExceptionWrapper} travel as Pyro5's class dicts. msgpack
 * has no tuples or sets: both are written as arrays and read back as lists. Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class)
@PyroSerializer(name = "msgpack", id = 4)
public class MsgpackSerializer implements Serializer {
    public MsgpackSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public byte[] serializeCall(Invocation call) {
        return MsgpackWriter.call(call);
    }

    @Override
    public Invocation deserializeCall(byte[] data) {
        // the reader already recreated the class dicts, innermost first, as msgpack's object_hook does
        return CallTuple.toInvocation(MsgpackReader.read(data), "msgpack", UnaryOperator.identity());
    }

    @Override
    public byte[] serializeData(Object value) {
        return MsgpackWriter.data(value);
    }

    @Override
    public Object deserializeData(byte[] data) {
        return MsgpackReader.read(data);
    }
}
