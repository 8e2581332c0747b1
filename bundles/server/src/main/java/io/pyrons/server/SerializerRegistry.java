package io.pyrons.server;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Serializer;

/**
 * The serializers currently installed, by Pyro id, and which of them the configuration accepts. A message is
 * served only when its serializer is both; installing or removing one, or a new accepted set, takes effect for the next message.
 */
final class SerializerRegistry {
    private final Map<Integer, Serializer> byId = new ConcurrentHashMap<>();
    private volatile Set<String> acceptedNames;

    SerializerRegistry(Set<String> acceptedNames) {
        this.acceptedNames = Set.copyOf(acceptedNames);
    }

    /** Accepts {@code names} from the next message on. */
    void accept(Set<String> names) {
        acceptedNames = Set.copyOf(names);
    }

    void add(Serializer serializer) {
        serializer.id(PyroProtocol.PYRO4).ifPresent(id -> byId.put(id, serializer));
    }

    void remove(Serializer serializer) {
        serializer.id(PyroProtocol.PYRO4).ifPresent(id -> byId.remove(id, serializer));
    }

    /** An installed serializer, accepted or not (errors are answered in the client's own format). */
    Optional<Serializer> installed(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The serializer for a message, or Pyro4's SerializeError when it is not installed and accepted. */
    Serializer accepted(int id) {
        Serializer s = byId.get(id);
        if (s == null || !acceptedNames.contains(s.name())) {
            throw new SerializeError("message used serializer that is not accepted: " + id);
        }
        return s;
    }
}
