package io.pyrons.storage.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.pyrons.api.Registration;

/**
 * The yellow pages: for every metadata tag, the registrations that carry it, sorted by name. Holding the
 * registrations (not just their names) and keeping them sorted lets a query answer from the index alone: no
 * lookup of every hit in the name map and no sort, which for 10,000 hits among a million names cost tens of
 * milliseconds. A skip-list node costs no more memory than a hash-set entry.
 *
 * <p>Writers call it under the lock of the name they change. A tag's registrations only ever carry that tag,
 * so a reader racing a writer sees the old or the new registration of a name, never a tag it does not carry.
 */
final class MetadataIndex {
    private static final Comparator<Registration> BY_NAME = Comparator.comparing(Registration::name);

    private final ConcurrentHashMap<String, Tagged> byTag = new ConcurrentHashMap<>();

    /** The registrations carrying one tag, and how many (a skip list's own size() walks it). */
    private static final class Tagged {
        final ConcurrentSkipListMap<String, Registration> byName = new ConcurrentSkipListMap<>();
        final AtomicInteger size = new AtomicInteger();
    }

    /**
     * Replaces {@code before} by {@code after}, registrations of one name; either may be {@code null} (added,
     * removed). Tags in both get the new registration, so queries answer with its current URI.
     */
    void update(Registration before, Registration after) {
        String name = after != null ? after.name() : before.name();
        Set<String> afterTags = after != null ? after.metadata() : Set.of();
        if (before != null) {
            for (String tag : before.metadata()) {
                if (!afterTags.contains(tag)) {
                    // compute* is atomic per tag, so an emptied entry is dropped without losing a concurrent add
                    byTag.computeIfPresent(tag, (t, tagged) -> {
                        if (tagged.byName.remove(name) != null) {
                            tagged.size.decrementAndGet();
                        }
                        return tagged.size.get() == 0 ? null : tagged;
                    });
                }
            }
        }
        for (String tag : afterTags) {
            byTag.compute(tag, (t, tagged) -> {
                Tagged result = tagged == null ? new Tagged() : tagged;
                if (result.byName.put(name, after) == null) {
                    result.size.incrementAndGet();
                }
                return result;
            });
        }
    }

    /** The registrations carrying every tag, sorted; walks only the smallest tag's registrations. */
    List<Registration> withAll(Set<String> tags) {
        Tagged smallest = null;
        for (String tag : tags) {
            Tagged tagged = byTag.get(tag);
            if (tagged == null) {
                return new ArrayList<>();
            }
            if (smallest == null || tagged.size.get() < smallest.size.get()) {
                smallest = tagged;
            }
        }
        if (smallest == null) {
            return new ArrayList<>();
        }
        // sized for the smallest tag's registrations, the most there can be: no growing and copying
        List<Registration> result = new ArrayList<>(Math.max(0, smallest.size.get()));
        for (Registration registration : smallest.byName.values()) {
            if (tags.size() == 1 || registration.metadata().containsAll(tags)) {
                result.add(registration);
            }
        }
        return result;
    }

    /** The registrations carrying at least one of the tags, sorted, each name once. */
    List<Registration> withAny(Set<String> tags) {
        List<Registration> result = new ArrayList<>();
        int runs = 0;
        for (String tag : tags) {
            Tagged tagged = byTag.get(tag);
            if (tagged != null) {
                result.addAll(tagged.byName.values());
                runs++;
            }
        }
        if (runs > 1) {
            result.sort(BY_NAME); // a merge of the sorted runs, which the sort finds by itself
            dropRepeatedNames(result);
        }
        return result;
    }

    /** Keeps the first registration of each name in a list sorted by name. */
    private static void dropRepeatedNames(List<Registration> sorted) {
        int kept = 0;
        for (Registration registration : sorted) {
            if (kept == 0 || !sorted.get(kept - 1).name().equals(registration.name())) {
                sorted.set(kept++, registration);
            }
        }
        sorted.subList(kept, sorted.size()).clear();
    }

    void clear() {
        byTag.clear();
    }
}
