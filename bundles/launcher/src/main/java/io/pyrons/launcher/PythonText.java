package io.pyrons.launcher;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Python's conversions that pyro4-ns's messages depend on: {@code int(text, base)}, {@code float(text)} and
 * {@code repr(str)}, so that values are accepted and refused, and errors are worded, as by Pyro4.
 */
final class PythonText {
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*)(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("(?i)[+-]?(?:inf|infinity|nan)");

    private PythonText() {
    }

    /** Python's {@code int(text, base)} for bases 2, 8, 10 and 16; {@code null} where Python raises ValueError. */
    static BigInteger parseInt(String text, int base) {
        String s = strip(text);
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        boolean prefixed = false;
        String prefix = switch (base) {
            case 16 -> "0x";
            case 8 -> "0o";
            case 2 -> "0b";
            default -> null;
        };
        if (prefix != null && s.length() >= 2 && s.substring(0, 2).equalsIgnoreCase(prefix)) {
            s = s.substring(2);
            prefixed = true;
        }
        // underscores only between digits, or right after a base prefix
        if (prefixed && s.startsWith("_")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        String digits = s.replace("_", "");
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), base) < 0 || digits.charAt(i) > 'z') {
                return null;
            }
        }
        BigInteger value = new BigInteger(digits, base);
        return negative ? value.negate() : value;
    }

    /** Python's {@code float(text)}; {@code null} where Python raises ValueError. */
    static Double parseFloat(String text) {
        String s = strip(text);
        if (SPECIAL_FLOAT.matcher(s).matches()) {
            boolean negative = s.startsWith("-");
            String word = s.replaceFirst("^[+-]", "").toLowerCase();
            return word.equals("nan") ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return FLOAT.matcher(s).matches() ? Double.valueOf(s.replace("_", "")) : null;
    }

    /** Python's {@code repr()} of a str. */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.strip()} with no argument: removes leading and trailing whitespace. */
    static String strip(String s) {
        int begin = 0;
        int end = s.length();
        while (begin < end && isSpace(s.charAt(begin))) {
            begin++;
        }
        while (end > begin && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(begin, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
    }
}
