package io.pyrons.api.serializer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One Pyro4 wire serialization format, registered as a service with {@link #ID} and {@link #NAME}, which its
 * {@link PyroSerializer} annotation states.
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
 * <tr><td>Pyro4.core.URI</td><td>{@link io.pyrons.api.PyroURI}</td></tr>
 * <tr><td>exceptions</td><td>{@link io.pyrons.api.PythonException} (and its subclasses)</td></tr>
 * <tr><td>Pyro4.futures._ExceptionWrapper</td><td>{@link ExceptionWrapper}</td></tr>
 * </table>
 * Each format writes URIs and exceptions in the exact shape Pyro4 4.82 uses for it. Malformed input is a
 * {@link io.pyrons.api.SerializeError}; implementations must be thread-safe.
 */
@ConsumerType
public interface Serializer {
    /** Service property: the numeric serializer id (Integer), {@link PyroSerializer#id()}. */
    String ID = "pyrons.serializer.id";
    /** Service property: the serializer's name as in {@code SERIALIZERS_ACCEPTED}, {@link PyroSerializer#name()}. */
    String NAME = "pyrons.serializer.name";

    /** Pyro4's id (serpent 1, json 2, marshal 3, pickle 4), from the class's {@link PyroSerializer}. */
    default int id() {
        return identity().id();
    }

    /** Pyro4's name ({@code serpent}, {@code json}, {@code marshal}, {@code pickle}), from the class's {@link PyroSerializer}. */
    default String name() {
        return identity().name();
    }

    private PyroSerializer identity() {
        PyroSerializer identity = getClass().getAnnotation(PyroSerializer.class);
        if (identity == null) {
            throw new IllegalStateException(getClass().getName() + " has no @PyroSerializer and does not implement id() and name()");
        }
        return identity;
    }

    /** Serializes a call (an INVOKE message's payload). */
    byte[] serializeCall(Invocation call);

    /** Deserializes a call (an INVOKE message's payload). */
    Invocation deserializeCall(byte[] data);

    /** Serializes a value (results, handshakes, exceptions). */
    byte[] serializeData(Object value);

    /** Deserializes a value. */
    Object deserializeData(byte[] data);
}
