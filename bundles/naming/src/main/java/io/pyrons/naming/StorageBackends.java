package io.pyrons.naming;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pyrons.api.storage.StorageProvider;

import org.osgi.framework.Constants;

/**
 * The storage providers installed right now, by their {@value StorageProvider#TYPE} service property: the
 * whole list of backends the name server knows. Of two providers of one type the one with the higher service
 * ranking (then the older service) is used, as the framework ranks services.
 */
final class StorageBackends {
    private record Backend(String type, int ranking, long serviceId, StorageProvider provider) {
    }

    private static final Comparator<Backend> BEST_FIRST = Comparator.comparingInt(Backend::ranking).reversed()
            .thenComparingLong(Backend::serviceId);

    private final List<Backend> backends = new ArrayList<>();
    private long added;

    /** Adds {@code provider} under each type its service properties name. */
    synchronized void add(StorageProvider provider, Map<String, ?> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        long serviceId = id instanceof Long l ? l : Long.MAX_VALUE / 2 + added++;
        for (String type : types(properties.get(StorageProvider.TYPE))) {
            backends.add(new Backend(type, ranking instanceof Integer r ? r : 0, serviceId, provider));
        }
    }

    synchronized void remove(StorageProvider provider) {
        backends.removeIf(b -> b.provider() == provider);
    }

    /** The provider of {@code type}, if one is installed. */
    synchronized Optional<StorageProvider> provider(String type) {
        return backends.stream().filter(b -> b.type().equals(type)).min(BEST_FIRST).map(Backend::provider);
    }

    private static List<String> types(Object property) {
        List<String> types = new ArrayList<>();
        if (property instanceof String s) {
            types.add(s);
        } else if (property instanceof String[] array) {
            types.addAll(List.of(array));
        } else if (property instanceof Collection<?> collection) {
            collection.forEach(t -> types.add(String.valueOf(t)));
        }
        return types;
    }
}
