package io.pyrons.api.serializer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Who a {@link Serializer} is, stated once on its class: Declarative Services makes the elements the service
 * properties {@value Serializer#NAME} and {@value Serializer#ID} (Integer), and {@link Serializer#name()} and
 * {@link Serializer#id()} read them from here, also where serializers are found without a framework (pyro-nsc's
 * {@link java.util.ServiceLoader}). Hence the runtime retention.
 *
 * <pre>{@literal @}Component(service = Serializer.class)
 * {@literal @}PyroSerializer(name = "json", id = 2)
 * public class JsonSerializer implements Serializer { ... }</pre>
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PyroSerializer {
    /** Makes the elements {@code pyrons.serializer.name} and {@code pyrons.serializer.id}. */
    String PREFIX_ = "pyrons.serializer.";

    /**
     * The name, the serializer's identity: {@code serpent}, {@code json}, {@code marshal}, {@code pickle}, as
     * Pyro's {@code SERIALIZER} and {@code SERIALIZERS_ACCEPTED} name it.
     */
    String name();

    /**
     * The id in the header of Pyro4's wire protocol (version 48): serpent 1, json 2, marshal 3, pickle 4. Only
     * Pyro4's: other protocol versions number the same formats differently (Pyro5: serpent 1, marshal 2, json 3).
     */
    int id();
}
