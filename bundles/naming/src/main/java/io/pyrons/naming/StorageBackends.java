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
    /**
     * The provider configuration property (a service property, as Declarative Services publishes its component's
     * configuration) with the location a provider offers for a name server whose {@code storage} is not set.
     */
    static final String DEFAULT_LOCATION = "default.location";

    private record Backend(String type, int ranking, long serviceId, StorageProvider provider, String defaultLocation) {
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
        Object location = properties.get(DEFAULT_LOCATION);
        String defaultLocation = location instanceof String l && !l.isBlank() ? l.strip() : null;
        for (String type : types(properties.get(StorageProvider.TYPE))) {
            backends.add(new Backend(type, ranking instanceof Integer r ? r : 0, serviceId, provider, defaultLocation));
        }
    }

    synchronized void remove(StorageProvider provider) {
        backends.removeIf(b -> b.provider() == provider);
    }

    /** The provider of {@code type}, if one is installed. */
    synchronized Optional<StorageProvider> provider(String type) {
        return backends.stream().filter(b -> b.type().equals(type)).min(BEST_FIRST).map(Backend::provider);
    }

    /**
     * The store a name server without a {@code storage} setting uses: {@code TYPE:LOCATION} of the installed
     * provider offering a {@value #DEFAULT_LOCATION} (the best ranked, then the oldest, if several do), else none.
     */
    synchronized Optional<StorageSetting> offeredDefault() {
        return backends.stream().filter(b -> b.defaultLocation() != null).min(BEST_FIRST)
                .map(b -> new StorageSetting(b.type(), b.defaultLocation()));
    }

    /** The default location the installed provider of {@code type} offers now, if it offers one. */
    synchronized Optional<String> offeredLocation(String type) {
        return backends.stream().filter(b -> b.type().equals(type)).min(BEST_FIRST)
                .map(Backend::defaultLocation);
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
