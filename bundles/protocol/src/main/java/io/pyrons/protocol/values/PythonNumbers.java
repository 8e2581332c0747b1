package io.pyrons.protocol.values;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Python 3's {@code int(text, base)} and {@code float(text)}: which texts they accept and what they read, so that
 * options and environment variables are taken and refused as by Python. A refused text is {@code null} here, where
 * Python raises {@code ValueError}.
 */
public final class PythonNumbers {
    /** Python's {@code Py_ISSPACE}: the ASCII whitespace that int() and float() strip. */
    private static final String ASCII_SPACE = " \t\n\u000b\f\r";
    /** {@code sys.int_info.default_max_str_digits}: longer decimal texts are refused (CVE-2020-10735). */
    private static final int MAX_STR_DIGITS = 4300;

    private PythonNumbers() {
    }

    /**
     * {@code int(text, base)} for a base from 2 to 36: surrounding whitespace, a sign, the {@code 0x}/{@code 0o}/
     * {@code 0b} prefix of bases 16, 8 and 2, underscores between digits, and Unicode decimal digits.
     */
    public static BigInteger parseInt(String text, int base) {
        if (base < 2 || base > 36) {
            throw new IllegalArgumentException("int() base must be >= 2 and <= 36: " + base);
        }
        String s = strip(toAscii(text));
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        String prefix = switch (base) {
            case 16 -> "0x";
            case 8 -> "0o";
            case 2 -> "0b";
            default -> null;
        };
        if (prefix != null && s.length() >= 2 && s.substring(0, 2).equalsIgnoreCase(prefix)) {
            // an underscore may follow the prefix directly
            s = s.substring(s.length() > 2 && s.charAt(2) == '_' ? 3 : 2);
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        String digits = s.replace("_", "");
        if (Integer.bitCount(base) != 1 && digits.length() > MAX_STR_DIGITS) {
            return null; // the limit is on bases that are not powers of two
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c > 'z' || Character.digit(c, base) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(digits, base);
        return negative ? value.negate() : value;
    }

    /** {@code float(text)}, also {@code inf}, {@code infinity} and {@code nan} in any case and with a sign. */
    public static Double parseFloat(String text) {
        String s = strip(toAscii(text));
        boolean signed = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-');
        String word = (signed ? s.substring(1) : s).toLowerCase(Locale.ROOT);
        if (word.equals("nan")) {
            return Double.NaN;
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return isFloatLiteral(s, signed ? 1 : 0) ? Double.valueOf(s.replace("_", "")) : null;
    }

    /**
     * Python's float literal from {@code i} to the end: digits, then {@code .} and digits, then an exponent, with
     * single underscores between digits. Scanned by hand: a regular expression with a repeated group recurses
     * once per digit in Java and overflows the stack on long texts.
     */
    private static boolean isFloatLiteral(String s, int i) {
        int afterInteger = digits(s, i);
        boolean integerDigits = afterInteger > i;
        i = afterInteger;
        boolean fractionDigits = false;
        if (i < s.length() && s.charAt(i) == '.') {
            int afterFraction = digits(s, i + 1);
            fractionDigits = afterFraction > i + 1;
            i = afterFraction;
        }
        if (!integerDigits && !fractionDigits) {
            return false;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int afterExponent = digits(s, i);
            if (afterExponent == i) {
                return false;
            }
            i = afterExponent;
        }
        return i == s.length();
    }

    /** The end of the ASCII digits (single underscores between them) that start at {@code i}; {@code i} if none. */
    private static int digits(String s, int i) {
        if (i >= s.length() || !isDigit(s.charAt(i))) {
            return i;
        }
        i++;
        while (i < s.length()) {
            if (isDigit(s.charAt(i))) {
                i++;
            } else if (s.charAt(i) == '_' && i + 1 < s.length() && isDigit(s.charAt(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * CPython's {@code _PyUnicode_TransformDecimalAndSpaceToASCII}, which int() and float() read through: Unicode
     * whitespace becomes a space, Unicode decimal digits their ASCII digit, and the text ends (with a character
     * no number has) at the first other non-ASCII character.
     */
    private static String toAscii(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= 127 && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (cp < 127) {
                    out.append((char) cp);
                } else if (Character.isSpaceChar(cp) || cp == 0x85) {
                    out.append(' ');
                } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                    out.append((char) ('0' + Character.digit(cp, 10)));
                } else {
                    return out.append('?').toString();
                }
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    private static String strip(String s) {
        int begin = 0;
        int end = s.length();
        while (begin < end && ASCII_SPACE.indexOf(s.charAt(begin)) >= 0) {
            begin++;
        }
        while (end > begin && ASCII_SPACE.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(begin, end);
    }
}
