package io.pyrons.protocol.values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python 3's {@code repr()} of {@code str} and {@code float}, character for character: what serpent writes on
 * the wire and what Python tools print.
 */
public final class PythonRepr {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonRepr() {
    }

    /** {@code repr(str)}. */
    public static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(s, out);
        return out.toString();
    }

    /** {@code repr(float)}, also for nan and infinities. */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        StringBuilder out = new StringBuilder(24);
        finiteFloat(value, out);
        return out.toString();
    }

    /** {@code repr(str)}: single quotes unless the text has a single quote and no double quote. */
    public static void string(String s, StringBuilder out) {
        if (isPlain(s)) {
            // names and URIs almost always: one bulk copy instead of a code point at a time
            out.append('\'').append(s).append('\'');
            return;
        }
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7f) {
                hexEscape(out, 'x', cp, 2);
            } else if (cp < 0x7f || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                hexEscape(out, 'x', cp, 2);
            } else if (cp <= 0xffff) {
                hexEscape(out, 'u', cp, 4);
            } else {
                hexEscape(out, 'U', cp, 8);
            }
        }
        out.append(quote);
    }

    /**
     * Whether {@code repr} is the text itself in single quotes: only printable ASCII, no {@code '} and no
     * backslash (a {@code "} needs no escape inside single quotes).
     */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c > '~' || c == '\'' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void hexEscape(StringBuilder out, char kind, int cp, int digits) {
        out.append('\\').append(kind);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(cp >> shift) & 0xf]);
        }
    }

    /** Python's {@code str.isprintable()} for one character (Unicode categories C* and Z* except space are not). */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> cp == ' ';
            default -> true;
        };
    }

    /**
     * Of the decimals with {@code precision} digits that read back as {@code value}, the one nearest to it,
     * or null. Both neighbours are tried: near a power of two the round-trip interval is lopsided.
     */
    private static BigDecimal roundTripping(BigDecimal exact, double value, int precision) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
        boolean downOk = down.doubleValue() == value;
        boolean upOk = up.doubleValue() == value;
        if (downOk && upOk) {
            return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        }
        return downOk ? down : upOk ? up : null;
    }

    /**
     * {@code repr(float)} for a finite value: the shortest digits that read back as the same double,
     * positional from 1e-4 up to 1e16, scientific outside.
     */
    public static void finiteFloat(double value, StringBuilder out) {
        if (value == 0.0) {
            out.append(1.0 / value < 0 ? "-0.0" : "0.0");
            return;
        }
        if (value < 0) {
            out.append('-');
            value = -value;
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal nearest = roundTripping(exact, value, precision);
            if (nearest != null) {
                shortest = nearest;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decimalPoint = digits.length() - shortest.scale(); // value = 0.digits * 10^decimalPoint
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
            } else if (decimalPoint >= digits.length()) {
                out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = decimalPoint - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
    }
}
