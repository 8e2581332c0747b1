package io.pyrons.naming;

import java.util.concurrent.atomic.AtomicReferenceArray;

import io.pyrons.api.PyroURI;

/**
 * URIs parsed lately, by their text. The store keeps URIs as text and a lookup answers a {@link PyroURI}: parsing
 * Pyro4's URI grammar costs more than the lookup itself, and the same few URIs are asked for again and again.
 * Direct-mapped and bounded: a slot holds the last URI whose text hashed to it, so memory stays fixed (a few
 * MB at most) however many names are registered, and no lock is taken.
 */
final class ParsedUris {
    private static final int SLOTS = 16384;

    private record Entry(String text, PyroURI uri) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** As {@link PyroURI#parse(String)}, including its errors for invalid text (which are not remembered). */
    PyroURI parse(String text) {
        if (text == null) {
            return PyroURI.parse(null);
        }
        int h = text.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry entry = slots.getAcquire(slot);
        if (entry != null && entry.text.equals(text)) {
            return entry.uri;
        }
        PyroURI uri = PyroURI.parse(text);
        slots.setRelease(slot, new Entry(text, uri));
        return uri;
    }
}
