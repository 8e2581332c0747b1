package io.pyrons.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.osgi.annotation.versioning.ConsumerType;

import io.pyrons.api.PyroProtocol;
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

    /**
     * The serializer with id {@code id} in {@code protocol}'s header, if available. This default knows Pyro4's ids
     * only ({@link #byId(int)}); the sets of this package ({@link #of}, {@link #load}) know both protocols'.
     */
    default Optional<Serializer> byId(int id, PyroProtocol protocol) {
        return protocol == PyroProtocol.PYRO4 ? byId(id) : Optional.empty();
    }

    /** A fixed set of serializers (the first of a name or id wins). */
    static Serializers of(Collection<? extends Serializer> serializers) {
        Map<String, Serializer> byName = new LinkedHashMap<>();
        Map<Integer, Serializer> byId = new LinkedHashMap<>();
        Map<Integer, Serializer> byPyro5Id = new LinkedHashMap<>();
        for (Serializer s : serializers) {
            byName.putIfAbsent(s.name(), s);
            s.id(PyroProtocol.PYRO4).ifPresent(id -> byId.putIfAbsent(id, s));
            s.id(PyroProtocol.PYRO5).ifPresent(id -> byPyro5Id.putIfAbsent(id, s));
        }
        Map<String, Serializer> names = Map.copyOf(byName);
        Map<Integer, Serializer> ids = Map.copyOf(byId);
        Map<Integer, Serializer> pyro5Ids = Map.copyOf(byPyro5Id);
        return new Serializers() {
            @Override
            public Optional<Serializer> byName(String name) {
                return Optional.ofNullable(names.get(name));
            }

            @Override
            public Optional<Serializer> byId(int id) {
                return Optional.ofNullable(ids.get(id));
            }

            @Override
            public Optional<Serializer> byId(int id, PyroProtocol protocol) {
                return Optional.ofNullable((protocol == PyroProtocol.PYRO4 ? ids : pyro5Ids).get(id));
            }
        };
    }

    /** The serializers {@link ServiceLoader} finds ({@code META-INF/services/io.pyrons.api.serializer.Serializer}). */
    static Serializers load(ClassLoader loader) {
        return of(ServiceLoader.load(Serializer.class, loader).stream().map(ServiceLoader.Provider::get).toList());
    }
}
