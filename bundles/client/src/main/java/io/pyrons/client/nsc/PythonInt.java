package io.pyrons.client.nsc;

import java.math.BigInteger;

/** Python's {@code int(text, radix)} for radix 2, 8, 10 and 16: whitespace, sign, prefix, underscores. */
final class PythonInt {
    private PythonInt() {
    }

    /** The value, or {@code null} where Python raises {@code ValueError}. */
    static BigInteger parse(String text, int radix) {
        String s = text.strip();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        String prefix = switch (radix) {
            case 16 -> "0x";
            case 8 -> "0o";
            case 2 -> "0b";
            default -> null;
        };
        boolean prefixed = prefix != null && s.toLowerCase(java.util.Locale.ROOT).startsWith(prefix);
        if (prefixed) {
            s = s.substring(2);
        }
        // underscores only between digits (or right after a prefix)
        if (s.isEmpty() || s.endsWith("_") || s.contains("__") || (s.startsWith("_") && !prefixed)) {
            return null;
        }
        String digits = s.replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7f) {
                return null;
            }
        }
        BigInteger value = new BigInteger(digits, radix);
        return negative ? value.negate() : value;
    }
}
