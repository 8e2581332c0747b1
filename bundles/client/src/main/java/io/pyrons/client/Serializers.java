package io.pyrons.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.osgi.annotation.versioning.ConsumerType;

import io.pyrons.api.serializer.Serializer;

/**
 * The serializers a client may use, by name and by id. In OSGi they come from the service registry; in a
 * plain Java program from {@link #load(ClassLoader)}.
 */
@ConsumerType
public interface Serializers {
    /** The serializer called {@code name} ({@code serpent}, {@code json}, ...), if available. */
    Optional<Serializer> byName(String name);

    /** The serializer with Pyro4 id {@code id}, if available. */
    Optional<Serializer> byId(int id);

    /** A fixed set of serializers (the first of a name or id wins). */
    static Serializers of(Collection<? extends Serializer> serializers) {
        Map<String, Serializer> byName = new LinkedHashMap<>();
        Map<Integer, Serializer> byId = new LinkedHashMap<>();
        for (Serializer s : serializers) {
            byName.putIfAbsent(s.name(), s);
            byId.putIfAbsent(s.id(), s);
        }
        Map<String, Serializer> names = Map.copyOf(byName);
        Map<Integer, Serializer> ids = Map.copyOf(byId);
        return new Serializers() {
            @Override
            public Optional<Serializer> byName(String name) {
                return Optional.ofNullable(names.get(name));
            }

            @Override
            public Optional<Serializer> byId(int id) {
                return Optional.ofNullable(ids.get(id));
            }
        };
    }

    /** The serializers {@link ServiceLoader} finds ({@code META-INF/services/io.pyrons.api.serializer.Serializer}). */
    static Serializers load(ClassLoader loader) {
        return of(ServiceLoader.load(Serializer.class, loader).stream().map(ServiceLoader.Provider::get).toList());
    }
}
