package io.pyrons.api.serializer;

import io.pyrons.api.PyroProtocol;
import java.util.OptionalInt;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One Pyro wire serialization format, registered as a service with {@link #NAME}, {@link #ID} and
 * {@link #PYRO5_ID}, which its {@link PyroSerializer} annotation states.
 *
 * <p>The format is the same for every protocol version; what differs is the dialect: the names Pyro's own
 * classes travel under ({@link PyroProtocol#uriClass()}, {@link PyroProtocol#errorsModule()},
 * {@link PyroProtocol#exceptionWrapperClass()}). Every method therefore takes the connection's
 * {@link PyroProtocol}; the methods without one are Pyro4's. A serializer is only asked for a protocol it has an
 * {@link #id(PyroProtocol)} in; asked for another it answers with a {@link io.pyrons.api.SerializeError}.
 *
 * <p>The value model, shared by every serializer:
 * <table>
 * <caption>Python and Java values</caption>
 * <tr><th>Python</th><th>Java</th></tr>
 * <tr><td>None, bool, str, float</td><td>{@code null}, {@code Boolean}, {@code String}, {@code Double}</td></tr>
 * <tr><td>int</td><td>{@code Long}, or {@code BigInteger} beyond 64 bits (any integral {@code Number} is written)</td></tr>
 * <tr><td>bytes</td><td>{@code byte[]}</td></tr>
 * <tr><td>tuple</td><td>{@code Object[]}</td></tr>
 * <tr><td>list, dict, set</td><td>{@code java.util.List}, {@code Map}, {@code Set}</td></tr>
 * <tr><td>Pyro4.core.URI, Pyro5.core.URI</td><td>{@link io.pyrons.api.PyroURI}</td></tr>
 * <tr><td>exceptions</td><td>{@link io.pyrons.api.PythonException} (and its subclasses); Pyro's own errors are
 *     written in the protocol's errors module whichever module their {@code pythonType()} names</td></tr>
 * <tr><td>Pyro4.futures._ExceptionWrapper, Pyro5.core._ExceptionWrapper</td><td>{@link ExceptionWrapper}</td></tr>
 * </table>
 * Each format writes URIs and exceptions in the exact shape Pyro 4.82 / 5 uses for it. Malformed input is a
 * {@link io.pyrons.api.SerializeError}; implementations must be thread-safe.
 */
@ConsumerType
public interface Serializer {
    /** Service property: the id in Pyro4's header (Integer), {@link PyroSerializer#id()}; {@link PyroSerializer#NONE} if none. */
    String ID = "pyrons.serializer.id";
    /** Service property: the id in Pyro5's header (Integer), {@link PyroSerializer#pyro5Id()}; {@link PyroSerializer#NONE} if none. */
    String PYRO5_ID = "pyrons.serializer.pyro5Id";
    /** Service property: the serializer's name as in {@code SERIALIZERS_ACCEPTED}, {@link PyroSerializer#name()}. */
    String NAME = "pyrons.serializer.name";

    /**
     * The id in {@code protocol}'s message header, from the class's {@link PyroSerializer}; empty when this format
     * is not offered to that protocol's clients.
     */
    default OptionalInt id(PyroProtocol protocol) {
        int id = switch (protocol) {
            case PYRO4 -> identity().id();
            case PYRO5 -> identity().pyro5Id();
        };
        return id == PyroSerializer.NONE ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Pyro4's id (serpent 1, json 2, marshal 3, pickle 4), or {@link PyroSerializer#NONE}: {@link #id(PyroProtocol)} for Pyro4. */
    default int id() {
        return id(PyroProtocol.PYRO4).orElse(PyroSerializer.NONE);
    }

    /** The name ({@code serpent}, {@code json}, {@code marshal}, {@code pickle}, ...), from the class's {@link PyroSerializer}. */
    default String name() {
        return identity().name();
    }

    private PyroSerializer identity() {
        PyroSerializer identity = getClass().getAnnotation(PyroSerializer.class);
        if (identity == null) {
            throw new IllegalStateException(getClass().getName() + " has no @PyroSerializer and does not implement id(protocol) and name()");
        }
        return identity;
    }

    /** Serializes a call (an INVOKE message's payload) as {@code protocol}'s clients send it. */
    byte[] serializeCall(Invocation call, PyroProtocol protocol);

    /** Deserializes a call (an INVOKE message's payload) sent by a {@code protocol} client. */
    Invocation deserializeCall(byte[] data, PyroProtocol protocol);

    /** Serializes a value (results, handshakes, exceptions) for a {@code protocol} peer. */
    byte[] serializeData(Object value, PyroProtocol protocol);

    /** Deserializes a value sent by a {@code protocol} peer. */
    Object deserializeData(byte[] data, PyroProtocol protocol);

    /** {@link #serializeCall(Invocation, PyroProtocol)} for Pyro4. */
    default byte[] serializeCall(Invocation call) {
        return serializeCall(call, PyroProtocol.PYRO4);
    }

    /** {@link #deserializeCall(byte[], PyroProtocol)} for Pyro4. */
    default Invocation deserializeCall(byte[] data) {
        return deserializeCall(data, PyroProtocol.PYRO4);
    }

    /** {@link #serializeData(Object, PyroProtocol)} for Pyro4. */
    default byte[] serializeData(Object value) {
        return serializeData(value, PyroProtocol.PYRO4);
    }

    /** {@link #deserializeData(byte[], PyroProtocol)} for Pyro4. */
    default Object deserializeData(byte[] data) {
        return deserializeData(data, PyroProtocol.PYRO4);
    }
}
