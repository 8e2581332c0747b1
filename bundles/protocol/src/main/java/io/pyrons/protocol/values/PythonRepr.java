package io.pyrons.protocol.values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;

/**
 * Python 3's {@code repr()} and {@code str()} of the serializer value model, character for character: what
 * serpent writes on the wire for a str or float, and what Python tools print ({@code ['a', 'b']}, {@code {'x'}},
 * {@code set()}, {@code (1,)}, {@code b'\x00'}, {@code 1e+16}, ...). A URI's repr holds no address (Python's
 * holds an object id).
 */
public final class PythonRepr {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonRepr() {
    }

    /** Python's {@code str(value)}: strings as they are, URIs as {@code asString()}, everything else its repr. */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof PyroURI uri) {
            return uri.asString();
        }
        if (value instanceof PythonException e) {
            return exceptionStr(e);
        }
        return repr(value);
    }

    /**
     * Python's {@code str(exception)}: nothing for no args, the single arg's str (its repr for a KeyError), else
     * the args tuple.
     */
    public static String exceptionStr(PythonException e) {
        List<Object> args = e.args();
        if (args.isEmpty()) {
            return "";
        }
        if (args.size() == 1) {
            return e.pythonType().equals("builtins.KeyError") ? repr(args.get(0)) : str(args.get(0));
        }
        return repr(args.toArray());
    }

    /** Python's {@code repr(value)}. */
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, value);
        return out.toString();
    }

    private static void appendRepr(StringBuilder out, Object value) {
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(floatRepr(((Number) value).doubleValue()));
        } else if (value instanceof Number n) {
            out.append(n instanceof BigDecimal d ? d.toPlainString() : n.toString());
        } else if (value instanceof byte[] bytes) {
            out.append(bytes(bytes));
        } else if (value instanceof Object[] tuple) {
            out.append('(');
            appendAll(out, Arrays.asList(tuple).iterator());
            out.append(tuple.length == 1 ? ",)" : ")");
        } else if (value instanceof Set<?> set) {
            if (set.isEmpty()) {
                out.append("set()");
            } else {
                out.append('{');
                appendAll(out, set.iterator());
                out.append('}');
            }
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            appendAll(out, list.iterator());
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(sep);
                appendRepr(out, e.getKey());
                out.append(": ");
                appendRepr(out, e.getValue());
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof PyroURI uri) {
            out.append("<Pyro4.core.URI ").append(uri.asString()).append('>');
        } else if (value instanceof PythonException e) {
            // BaseException.__repr__: the one arg's repr in parentheses, else the args tuple
            out.append(e.pythonName());
            if (e.args().size() == 1) {
                out.append('(');
                appendRepr(out, e.args().get(0));
                out.append(')');
            } else {
                appendRepr(out, e.args().toArray());
            }
        } else if (value instanceof ExceptionWrapper w) {
            out.append("<Pyro4.futures._ExceptionWrapper ").append(repr(w.exception())).append('>');
        } else {
            out.append(value);
        }
    }

    private static void appendAll(StringBuilder out, Iterator<?> items) {
        String sep = "";
        while (items.hasNext()) {
            out.append(sep);
            appendRepr(out, items.next());
            sep = ", ";
        }
    }

    /** {@code repr(bytes)}: single quotes unless the data has a single quote and no double quote. */
    public static String bytes(byte[] data) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : data) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(data.length + 3).append('b').append(quote);
        for (byte b : data) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                hexEscape(out, 'x', c, 2);
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    /** Python's order of str values: by code point (UTF-16 order differs beyond the BMP). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
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
