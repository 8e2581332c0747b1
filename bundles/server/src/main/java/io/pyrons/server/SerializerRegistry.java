package io.pyrons.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Serializer;

/**
 * The serializers currently installed, by the id each protocol's header gives them, and which of them the
 * configuration accepts. A message is served only when its serializer is both; installing or removing one, or a
 * new accepted set, takes effect for the next message.
 */
final class SerializerRegistry {
    private final Map<PyroProtocol, Map<Integer, Serializer>> byId = new EnumMap<>(PyroProtocol.class);
    private volatile Set<String> acceptedNames;

    SerializerRegistry(Set<String> acceptedNames) {
        this.acceptedNames = Set.copyOf(acceptedNames);
        for (PyroProtocol p : PyroProtocol.values()) {
            byId.put(p, new ConcurrentHashMap<>());
        }
    }

    /** Accepts {@code names} from the next message on. */
    void accept(Set<String> names) {
        acceptedNames = Set.copyOf(names);
    }

    void add(Serializer serializer) {
        for (PyroProtocol p : PyroProtocol.values()) {
            serializer.id(p).ifPresent(id -> byId.get(p).put(id, serializer));
        }
    }

    void remove(Serializer serializer) {
        for (PyroProtocol p : PyroProtocol.values()) {
            serializer.id(p).ifPresent(id -> byId.get(p).remove(id, serializer));
        }
    }

    /** An installed Pyro4 serializer, accepted or not. */
    Optional<Serializer> installed(int id) {
        return installed(PyroProtocol.PYRO4, id);
    }

    /** An installed serializer, accepted or not (errors are answered in the client's own format). */
    Optional<Serializer> installed(PyroProtocol protocol, int id) {
        return Optional.ofNullable(byId.get(protocol).get(id));
    }

    /** The Pyro4 serializer for a message, or Pyro4's SerializeError when it is not installed and accepted. */
    Serializer accepted(int id) {
        return accepted(PyroProtocol.PYRO4, id);
    }

    /** The serializer for a message, or Pyro's SerializeError when it is not installed and accepted. */
    Serializer accepted(PyroProtocol protocol, int id) {
        Serializer s = byId.get(protocol).get(id);
        if (s == null || !acceptedNames.contains(s.name())) {
            throw new SerializeError("message used serializer that is not accepted: " + id);
        }
        return s;
    }
}
