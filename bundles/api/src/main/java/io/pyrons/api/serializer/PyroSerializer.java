package io.pyrons.api.serializer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Who a {@link Serializer} is, stated once on its class: its name and its id in each protocol's message header.
 * Declarative Services makes the elements the service properties {@value Serializer#NAME}, {@value Serializer#ID}
 * and {@value Serializer#PYRO5_ID} (Integers), and {@link Serializer#name()} and {@link Serializer#id(io.pyrons.api.PyroProtocol)}
 * read them from here, also where serializers are found without a framework (pyro-nsc's
 * {@link java.util.ServiceLoader}). Hence the runtime retention.
 *
 * <pre>{@literal @}Component(service = Serializer.class)
 * {@literal @}PyroSerializer(name = "json", id = 2, pyro5Id = 3)
 * public class JsonSerializer implements Serializer { ... }</pre>
 *
 * A format pyrons offers to one protocol only leaves the other's id out ({@link #NONE}): pickle has no Pyro5 id
 * (Pyro5 has no pickle), a Pyro5-only format no Pyro4 id.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PyroSerializer {
    /** Makes the elements {@code pyrons.serializer.name}, {@code pyrons.serializer.id} and {@code pyrons.serializer.pyro5Id}. */
    String PREFIX_ = "pyrons.serializer.";

    /** The id of a format that a protocol does not carry (no header has a negative serializer id). */
    int NONE = -1;

    /**
     * The name, the serializer's identity: {@code serpent}, {@code json}, {@code marshal}, {@code pickle},
     * {@code msgpack}, as Pyro's {@code SERIALIZER} and {@code SERIALIZERS_ACCEPTED} name it.
     */
    String name();

    /**
     * The id in the header of Pyro4's wire protocol (version 48): serpent 1, json 2, marshal 3, pickle 4;
     * {@link #NONE} when the format is not offered to Pyro4 clients.
     */
    int id() default NONE;

    /**
     * The id in the header of Pyro5's wire protocol (version 502): serpent 1, marshal 2, json 3, msgpack 4;
     * {@link #NONE} when the format is not offered to Pyro5 clients (pickle).
     */
    int pyro5Id() default NONE;
}
