package io.pyrons.storage.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yellow pages: for every metadata tag, the names that carry it. Writers call it under the lock of the
 * name they change; readers get candidates that the store re-checks against the registration itself, so a
 * reader racing a writer never reports a tag the registration does not carry.
 */
final class MetadataIndex {
    private final ConcurrentHashMap<String, Set<String>> namesByTag = new ConcurrentHashMap<>();

    /** Moves {@code name} from the tags in {@code before} to those in {@code after}; tags in both are left alone. */
    void update(String name, Set<String> before, Set<String> after) {
        for (String tag : before) {
            if (!after.contains(tag)) {
                // compute* is atomic per tag, so an emptied set is dropped without losing a concurrent add
                namesByTag.computeIfPresent(tag, (t, names) -> names.remove(name) && names.isEmpty() ? null : names);
            }
        }
        for (String tag : after) {
            if (!before.contains(tag)) {
                namesByTag.compute(tag, (t, names) -> {
                    Set<String> result = names == null ? ConcurrentHashMap.newKeySet() : names;
                    result.add(name);
                    return result;
                });
            }
        }
    }

    /** Names that carry every tag, sorted; starts from the smallest tag set so the work is bounded by it. */
    List<String> namesWithAll(Set<String> tags) {
        List<Set<String>> sets = new ArrayList<>(tags.size());
        for (String tag : tags) {
            Set<String> names = namesByTag.get(tag);
            if (names == null) {
                return List.of();
            }
            sets.add(names);
        }
        sets.sort(Comparator.comparingInt(Set::size));
        List<String> result = new ArrayList<>();
        Set<String> smallest = sets.get(0);
        List<Set<String>> others = sets.subList(1, sets.size());
        for (String name : smallest) {
            if (containedInAll(name, others)) {
                result.add(name);
            }
        }
        result.sort(null);
        return result;
    }

    private static boolean containedInAll(String name, List<Set<String>> sets) {
        for (Set<String> set : sets) {
            if (!set.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** Names that carry at least one of the tags, sorted, without duplicates. */
    List<String> namesWithAny(Set<String> tags) {
        Set<String> union = new HashSet<>();
        for (String tag : tags) {
            Set<String> names = namesByTag.get(tag);
            if (names != null) {
                union.addAll(names);
            }
        }
        List<String> result = new ArrayList<>(union);
        result.sort(null);
        return result;
    }

    void clear() {
        namesByTag.clear();
    }
}
