package io.pyrons.storage.sql;

import java.util.Optional;

/**
 * The half-open range {@code [lower, upper)} of SQLite text values that can start with a prefix.
 *
 * <p>SQLite's BINARY collation compares UTF-8 bytes, which is code point order, so every name starting
 * with prefix {@code p} lies in {@code [p, successor(p))} where the successor increments the last code
 * point. That range is an index range scan, and unlike Pyro4's {@code LIKE p || '%'} it treats {@code _}
 * and {@code %} literally and is case-sensitive. A Java prefix may end inside a surrogate pair (or
 * hold a lone surrogate, which UTF-8 cannot carry), so the range is computed from the longest well-formed
 * head of the prefix and the caller keeps only names that really {@link String#startsWith} the prefix.
 */
record PrefixRange(String lower, Optional<String> upper) {

    static PrefixRange of(String prefix) {
        String head = prefix.substring(0, wellFormedLength(prefix));
        return new PrefixRange(head, successor(head));
    }

    /** Whether the range is the whole key space. */
    boolean unbounded() {
        return lower.isEmpty() && upper.isEmpty();
    }

    private static int wellFormedLength(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i += 2;
            } else if (Character.isSurrogate(c)) {
                return i;
            } else {
                i++;
            }
        }
        return i;
    }

    /** The least string greater than every string starting with {@code head}; empty if there is none. */
    private static Optional<String> successor(String head) {
        int[] codePoints = head.codePoints().toArray();
        for (int last = codePoints.length - 1; last >= 0; last--) {
            int next = codePoints[last] + 1;
            if (next == Character.MIN_SURROGATE) {
                next = Character.MAX_SURROGATE + 1; // surrogates are not characters; UTF-8 skips them
            }
            if (next <= Character.MAX_CODE_POINT) {
                codePoints[last] = next;
                return Optional.of(new String(codePoints, 0, last + 1));
            }
        }
        return Optional.empty();
    }
}
