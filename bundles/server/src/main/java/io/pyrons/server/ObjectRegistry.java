package io.pyrons.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pyrons.api.expose.PyroObject;

/**
 * The objects the daemon serves, by object id. Whiteboard services arrive and leave at any time; when two
 * services claim the same id the first one is served and the other waits until it leaves.
 */
final class ObjectRegistry {
    private record Entry(Object service, PyroObject target) {
    }

    private final Map<String, List<Entry>> byId = new LinkedHashMap<>();
    private final ExposedClassCache exposedClasses = new ExposedClassCache();
    /** What each id serves now, rebuilt on every change: every request reads it, without taking the lock. */
    private volatile Map<String, PyroObject> served = Map.of();

    /** Serves {@code service} under {@code id}; returns false when another service already has that id. */
    synchronized boolean add(String id, Object service) {
        PyroObject target = service instanceof PyroObject p ? p : new ReflectiveObject(service, exposedClasses.of(service.getClass()));
        List<Entry> entries = byId.computeIfAbsent(id, k -> new ArrayList<>());
        entries.add(new Entry(service, target));
        publish();
        return entries.size() == 1;
    }

    synchronized void remove(String id, Object service) {
        List<Entry> entries = byId.get(id);
        if (entries != null) {
            entries.removeIf(e -> e.service() == service);
            if (entries.isEmpty()) {
                byId.remove(id);
            }
            publish();
        }
    }

    private void publish() {
        Map<String, PyroObject> now = new HashMap<>();
        byId.forEach((id, entries) -> now.put(id, entries.get(0).target()));
        served = Map.copyOf(now);
    }

    Optional<PyroObject> get(String id) {
        return Optional.ofNullable(served.get(id));
    }

    /** The served ids, in registration order. */
    synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
