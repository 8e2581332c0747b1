package io.pyrons.serializer.serpent;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.values.CallTuple;
import io.pyrons.protocol.values.PyroClassDicts;
import org.osgi.service.component.annotations.Component;

/**
 * Pyro's serpent serializer: Python literal text, as {@code Pyro4.util.SerpentSerializer} and
 * {@code Pyro5.serializers.SerpentSerializer} write and read it (the same format; the protocol only names Pyro's
 * classes). Reading: {@link SerpentSource} checks and normalises the text, {@link LiteralParser}
 * reads it (scalars through serpent-java's parser, embedded privately). Writing reproduces Python's
 * output ({@link SerpentWriter}). Pyro's URIs, exceptions and {@code _ExceptionWrapper} travel as the class
 * dicts Pyro4 uses and are recreated as Pyro4's {@code dict_to_class} does ({@link PyroClassDicts}, with
 * serpent's own float and bytes dicts from {@link SerpentDicts}).
 * Stateless, hence thread-safe.
 */
@Component(immediate = true, service = Serializer.class)
@PyroSerializer(name = "serpent", id = 1, pyro5Id = 1)
public class SerpentSerializer implements Serializer {
    public SerpentSerializer() {
        // no configuration, no references: the tests create it with new
    }

    @Override
    public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
        return SerpentWriter.call(call, protocol);
    }

    @Override
    public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
        return CallTuple.toInvocation(parse(data), "serpent",
                literal -> PyroClassDicts.recreate(literal, SerpentDicts::read, protocol));
    }

    @Override
    public byte[] serializeData(Object value, PyroProtocol protocol) {
        return SerpentWriter.data(value, protocol);
    }

    @Override
    public Object deserializeData(byte[] data, PyroProtocol protocol) {
        return PyroClassDicts.recreate(parse(data), SerpentDicts::read, protocol);
    }

    /** Python's {@code serpent.loads}: bytes to literal values, any failure a {@link SerializeError}. */
    private static Object parse(byte[] data) {
        if (data == null) {
            throw new SerializeError("no serpent data");
        }
        return LiteralParser.parse(SerpentSource.prepare(data));
    }
}
