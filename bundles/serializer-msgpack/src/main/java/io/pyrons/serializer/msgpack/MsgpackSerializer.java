package io.pyrons.serializer.msgpack;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.values.CallTuple;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro5's msgpack serializer (id 4 in Pyro5's header), as {@code Pyro5.serializers.MsgpackSerializer} writes and
 * reads it ({@code use_bin_type=True}, {@code raw=False}), on msgpack-core. A call is the array {@code (object,
 * method, vargs, kwargs)}; Pyro's URIs, exceptions and {@code _ExceptionWrapper} travel as Pyro5's class dicts.
 * msgpack has no tuples or sets: both are written as arrays and read back as lists. Pyro5 only (no Pyro4 id): a
 * call for another protocol is refused. Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class)
@PyroSerializer(name = "msgpack", pyro5Id = 4)
public class MsgpackSerializer implements Serializer {
    public MsgpackSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
        pyro5Only(protocol);
        return MsgpackWriter.call(call);
    }

    @Override
    public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
        pyro5Only(protocol);
        // the reader already recreated the class dicts, innermost first, as msgpack's object_hook does
        return CallTuple.toInvocation(MsgpackReader.read(data), "msgpack", UnaryOperator.identity());
    }

    @Override
    public byte[] serializeData(Object value, PyroProtocol protocol) {
        pyro5Only(protocol);
        return MsgpackWriter.data(value);
    }

    @Override
    public Object deserializeData(byte[] data, PyroProtocol protocol) {
        pyro5Only(protocol);
        return MsgpackReader.read(data);
    }

    private static void pyro5Only(PyroProtocol protocol) {
        if (protocol != PyroProtocol.PYRO5) {
            throw new SerializeError("serializer msgpack is not available for " + protocol.module());
        }
    }
}
