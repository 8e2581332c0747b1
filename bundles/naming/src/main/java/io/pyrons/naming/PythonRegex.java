package io.pyrons.naming;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.pyrons.api.NamingError;

/**
 * Compiles a Python {@code re} pattern into a Java one that matches the same names: Python-only syntax is
 * translated ({@code (?P<name>..)}, {@code (?P=name)}, {@code \Z}, {@code {,n}}, literal braces, {@code [} and
 * {@code &&} inside classes, {@code (?#..)}, the {@code a}/{@code u} flags, {@code \UXXXXXXXX}) and the flags give
 * Python 3's defaults for str patterns (Unicode classes and case folding, only {@code \n} ends a line).
 * Use it with {@link Matcher#lookingAt()}, which is {@code re.match}.
 *
 * <p>Java's matcher backtracks, like Python's, so a pattern such as {@code ((a+)+)+$} takes exponential time on
 * a name of forty {@code a}s and a thread for good. {@link #nameFilter} therefore gives each call a budget of
 * matcher steps (reads of a name's characters): {@value #BASE_STEPS} plus {@value #STEPS_PER_CHAR} for every
 * character of every name tried. A pattern that runs linearly (or even quadratically on names of usual length)
 * stays far below it, while an exploding one is stopped within a few milliseconds by a {@link NamingError}, the
 * error Pyro4's {@code list}/{@code remove} raise for a regex they refuse. The bound is a step count, not a clock,
 * so the same call gets the same answer on a loaded machine; a call's total work is linear in the names it scans.
 */
final class PythonRegex {
    /** Steps every call may spend whatever it scans: room for cubic patterns on names of a hundred characters. */
    static final long BASE_STEPS = 1_000_000;
    /** Steps each scanned character adds: linear patterns read a character a handful of times, quadratic ones on
     * names of usual length a few dozen; a name of 45,000 {@code a}s gets 4.5 million steps, milliseconds. */
    static final long STEPS_PER_CHAR = 100;
    private static final Pattern PYTHON_REPEAT = Pattern.compile("\\{(\\d*)(,(\\d*))?}");
    private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?([aiLmsux]*)(-([imsx]*))?([:)])");

    private PythonRegex() {
    }

    /** The compiled pattern; {@link NamingError} {@code invalid regex: ...} when Python or Java refuses it. */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(translate(regex), Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new NamingError("invalid regex: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new NamingError("invalid regex: " + e.getMessage());
        }
    }

    /**
     * {@code re.match(regex, name)} as a filter for one call (one {@code list} or {@code remove}): the pattern is
     * compiled once, and all names tried share the call's step budget; a {@link NamingError} ends the call once it
     * is spent. Not thread-safe: one filter per call.
     */
    static Predicate<String> nameFilter(String regex) {
        return new BudgetedMatch(compile(regex), regex);
    }

    private static final class BudgetedMatch implements Predicate<String> {
        private final Pattern pattern;
        private final String regex;
        private long stepsLeft = BASE_STEPS;

        BudgetedMatch(Pattern pattern, String regex) {
            this.pattern = pattern;
            this.regex = regex;
        }

        @Override
        public boolean test(String name) {
            stepsLeft += STEPS_PER_CHAR * (name.length() + 1L);
            try {
                return pattern.matcher(new CountedChars(name)).lookingAt();
            } catch (StackOverflowError e) {
                // Java's matcher recurses once per repetition of a group: (a|b)* on a name of 100,000 characters
                // overflows a thread's stack, where Python's re loops; the frames are gone, the thread is fine
                throw new NamingError("regex too costly: gave up matching " + abbreviated(regex)
                        + " on a name of " + name.length() + " characters (too deep a repetition for Java's matcher)");
            }
        }

        /** The name as the matcher sees it: each character read is one step of the call's budget. */
        private final class CountedChars implements CharSequence {
            private final String name;

            CountedChars(String name) {
                this.name = name;
            }

            @Override
            public char charAt(int index) {
                if (--stepsLeft < 0) {
                    throw new NamingError("regex too costly: gave up matching " + abbreviated(regex)
                            + " after its step budget (the pattern backtracks exponentially?)");
                }
                return name.charAt(index);
            }

            @Override
            public int length() {
                return name.length();
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return name.subSequence(start, end);
            }

            @Override
            public String toString() {
                return name;
            }
        }
    }

    private static String abbreviated(String regex) {
        return regex.length() <= 60 ? "'" + regex + "'" : "'" + regex.substring(0, 57) + "...'";
    }

    static String translate(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 16);
        Map<String, String> groupNames = new HashMap<>();
        boolean inClass = false;
        int classContentStart = -1;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new NamingError("invalid regex: bad escape (end of pattern) at position " + i);
                }
                char next = regex.charAt(i + 1);
                if (next == 'Z' && !inClass) {
                    out.append("\\z");
                    i += 2;
                } else if (next == 'U' && i + 10 <= n && isHex(regex, i + 2, i + 10)) {
                    out.append("\\x{").append(regex, i + 2, i + 10).append('}');
                    i += 10;
                } else {
                    out.append(c).append(next);
                    i += 2;
                }
                continue;
            }
            if (inClass) {
                if (c == ']' && i == classContentStart) {
                    out.append("\\]"); // a ']' first in a class is literal in Python
                } else if (c == ']') {
                    inClass = false;
                    out.append(']');
                } else if (c == '[') {
                    out.append("\\["); // Java would start a nested class
                } else if (c == '&' && i + 1 < n && regex.charAt(i + 1) == '&') {
                    out.append("&\\&"); // Java would intersect
                    i += 2;
                    continue;
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    i++;
                    if (i < n && regex.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    classContentStart = i;
                }
                case '{' -> i = translateBrace(regex, i, out);
                case '(' -> i = translateGroup(regex, i, out, groupNames);
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** Python reads {@code {m,n}} forms as repeats ({@code {,n}} too) and any other brace as a literal. */
    private static int translateBrace(String regex, int i, StringBuilder out) {
        Matcher m = PYTHON_REPEAT.matcher(regex).region(i, regex.length());
        if (m.lookingAt() && !(m.group(1).isEmpty() && m.group(2) == null)) {
            String lo = m.group(1).isEmpty() ? "0" : m.group(1);
            out.append('{').append(lo);
            if (m.group(2) != null) {
                out.append(',').append(m.group(3));
            }
            out.append('}');
            return m.end();
        }
        out.append("\\{");
        return i + 1;
    }

    private static int translateGroup(String regex, int i, StringBuilder out, Map<String, String> groupNames) {
        if (regex.startsWith("(?P<", i)) {
            int close = regex.indexOf('>', i + 4);
            if (close < 0) {
                throw new NamingError("invalid regex: missing >, unterminated name at position " + (i + 4));
            }
            String name = regex.substring(i + 4, close);
            String javaName = groupNames.computeIfAbsent(name, k -> "pyg" + groupNames.size() + "x" + sanitize(k));
            out.append("(?<").append(javaName).append('>');
            return close + 1;
        }
        if (regex.startsWith("(?P=", i)) {
            int close = regex.indexOf(')', i + 4);
            if (close < 0) {
                throw new NamingError("invalid regex: missing ), unterminated name at position " + (i + 4));
            }
            String name = regex.substring(i + 4, close);
            String javaName = groupNames.get(name);
            if (javaName == null) {
                throw new NamingError("invalid regex: unknown group name '" + name + "' at position " + (i + 4));
            }
            out.append("(?:\\k<").append(javaName).append(">)");
            return close + 1;
        }
        if (regex.startsWith("(?#", i)) {
            int close = regex.indexOf(')', i + 3);
            if (close < 0) {
                throw new NamingError("invalid regex: missing ), unterminated comment at position " + (i + 3));
            }
            return close + 1;
        }
        Matcher flags = INLINE_FLAGS.matcher(regex).region(i, regex.length());
        if (flags.lookingAt() && !(flags.group(1).isEmpty() && flags.group(2) == null)) {
            String on = flags.group(1);
            if (on.indexOf('L') >= 0) {
                throw new NamingError("invalid regex: bad inline flags: cannot use 'L' flag with a str pattern at position "
                        + (i + 2 + on.length()));
            }
            StringBuilder javaOn = new StringBuilder();
            for (char f : on.toCharArray()) {
                if (f != 'a' && f != 'u') { // Unicode is the default; 'a' is turned off below
                    javaOn.append(f);
                }
            }
            String off = (flags.group(3) == null ? "" : flags.group(3)) + (on.indexOf('a') >= 0 ? "U" : "");
            if (javaOn.length() == 0 && off.isEmpty()) {
                out.append(flags.group(4).equals(":") ? "(?:" : ""); // only flags Java needs no word for
                return flags.end();
            }
            out.append("(?").append(javaOn);
            if (!off.isEmpty()) {
                out.append('-').append(off);
            }
            out.append(flags.group(4));
            return flags.end();
        }
        out.append('(');
        return i + 1;
    }

    private static String sanitize(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
