package io.pyrons.serializer.pickle;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.values.CallTuple;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro4's pickle serializer, on razorvine's pickle library embedded privately. A Python client
 * using {@code PYRO_SERIALIZER=pickle} gets real {@code Pyro4.core.URI}s and Pyro4 exceptions
 * ({@link PyroPickler}). Unpickling constructs only plain data and Pyro's own types: a pickle naming any
 * other global (os.system, subprocess.Popen, builtins.eval, ...) is refused with a
 * {@link io.pyrons.api.SecurityError} when the global is named, before anything is constructed
 * ({@link SafeUnpickler}, {@link PickleGlobal}). Whether pickle is accepted at all is the server's
 * decision ({@code serializers.accepted}). Pyro4 only: Pyro5 has no pickle (no Pyro5 id), and a call for
 * another protocol is refused. Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class)
@PyroSerializer(name = "pickle", id = 4)
public class PickleSerializer implements Serializer {
    public PickleSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
        pyro4Only(protocol);
        // Pyro4's dumpsCall: (object, method, vargs, kwargs); a proxy's vargs are a tuple, a batch's a list
        boolean batch = "<batch>".equals(call.method());
        Object vargs = batch ? call.args() : call.args().toArray();
        Object kwargs = batch && call.kwargs().isEmpty() ? null : call.kwargs();
        return PyroPickler.pickle(new Object[] {call.objectId(), call.method(), vargs, kwargs});
    }

    @Override
    public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
        // unpickling already made Pyro's own types: nothing to recreate
        return CallTuple.toInvocation(deserializeData(data, protocol), "pickle", UnaryOperator.identity());
    }

    @Override
    public byte[] serializeData(Object value, PyroProtocol protocol) {
        pyro4Only(protocol);
        return PyroPickler.pickle(value);
    }

    @Override
    public Object deserializeData(byte[] data, PyroProtocol protocol) {
        pyro4Only(protocol);
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

    private static void pyro4Only(PyroProtocol protocol) {
        if (protocol != PyroProtocol.PYRO4) {
            throw new SerializeError("serializer pickle is not available for " + protocol.module());
        }
    }
}
