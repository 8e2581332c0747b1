package io.pyrons.storage.dbm;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import io.pyrons.api.Registration;

/**
 * The stored value of a name: its URI and metadata as length-prefixed strings,
 * {@code <length>:<uri>(<length>:<metadata>)*}, so any character (separators included) round-trips.
 */
final class RegistrationCodec {
    private RegistrationCodec() {
    }

    static String encode(Registration registration) {
        StringBuilder value = new StringBuilder();
        append(value, registration.uri());
        for (String metadata : new TreeSet<>(registration.metadata())) {
            append(value, metadata);
        }
        return value.toString();
    }

    private static void append(StringBuilder value, String field) {
        value.append(field.length()).append(':').append(field);
    }

    /** @throws IllegalArgumentException if {@code value} was not written by {@link #encode} */
    static Registration decode(String name, String value) {
        String uri = null;
        Set<String> metadata = new HashSet<>();
        int position = 0;
        while (position < value.length()) {
            int colon = value.indexOf(':', position);
            if (colon <= position) {
                throw new IllegalArgumentException("malformed value of " + name + " at " + position);
            }
            int length;
            try {
                length = Integer.parseInt(value, position, colon, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed length in value of " + name + " at " + position, e);
            }
            int end = colon + 1 + length;
            if (length < 0 || end > value.length()) {
                throw new IllegalArgumentException("truncated value of " + name + " at " + position);
            }
            String field = value.substring(colon + 1, end);
            if (uri == null) {
                uri = field;
            } else {
                metadata.add(field);
            }
            position = end;
        }
        if (uri == null) {
            throw new IllegalArgumentException("empty value of " + name);
        }
        return new Registration(name, uri, metadata);
    }
}
