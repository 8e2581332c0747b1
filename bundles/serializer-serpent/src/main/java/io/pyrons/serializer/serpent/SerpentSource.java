package io.pyrons.serializer.serpent;

import io.pyrons.api.SerializeError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns received serpent bytes into text the embedded serpent parser reads safely and correctly.
 *
 * <p>Hostile input is stopped here, before any parsing: invalid UTF-8 and 0-bytes (refused by Python's
 * serpent too) and number literals longer than Python's own 4300-digit limit for integers (expensive to
 * convert). Nesting is bounded by {@link LiteralParser}. String escapes that Python writes but serpent-java 1.40 misreads
 * ({@code \U0001f600}, {@code \a}, {@code \v}, octal, unknown escapes) are rewritten into forms it
 * reads as Python does.
 */
final class SerpentSource {
    /** Longest run of digits accepted; Python 3.11 refuses to convert longer integer literals. */
    static final int MAX_DIGITS = 4300;

    private SerpentSource() {
    }

    static String prepare(byte[] data) {
        String text = decode(data);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int digits = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new SerializeError("the serpent data contains 0-bytes");
            }
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS) {
                    throw new SerializeError("number literal too long (more than " + MAX_DIGITS + " digits)");
                }
            } else {
                digits = 0;
            }
            switch (c) {
                case '#' -> {
                    int end = text.indexOf('\n', i);
                    end = end < 0 ? n : end;
                    out.append(text, i, end);
                    i = end;
                    continue;
                }
                case '\'', '"' -> {
                    boolean bytesLiteral = i > 0 && (text.charAt(i - 1) == 'b' || text.charAt(i - 1) == 'B');
                    i = copyString(text, i, out, bytesLiteral);
                    continue;
                }
                default -> {
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String decode(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SerializeError("the serpent data is not valid utf-8");
        }
    }

    /** Copies one quoted literal starting at {@code start}; returns the index after its closing quote. */
    private static int copyString(String text, int start, StringBuilder out, boolean bytesLiteral) {
        char quote = text.charAt(start);
        out.append(quote);
        int i = start + 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == quote) {
                out.append(c);
                return i + 1;
            }
            if (c == '\n' || c == '\r' || c == '\0') {
                break;
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                break;
            }
            i = copyEscape(text, i + 1, out, bytesLiteral);
        }
        throw new SerializeError("unterminated string literal in serpent data");
    }

    /** Copies the escape whose letter is at {@code i} (after the backslash); returns the index after it. */
    private static int copyEscape(String text, int i, StringBuilder out, boolean bytesLiteral) {
        char e = text.charAt(i);
        switch (e) {
            case '\\', '\'', '"', 'n', 'r', 't', 'b', 'f' -> {
                out.append('\\').append(e);
                return i + 1;
            }
            case 'a' -> {
                out.append("\\x07");
                return i + 1;
            }
            case 'v' -> {
                out.append("\\x0b");
                return i + 1;
            }
            case '\n' -> {
                return i + 1; // line continuation
            }
            case 'x' -> {
                int cp = hex(text, i + 1, 2, "\\x");
                appendCharacter(out, cp, bytesLiteral);
                return i + 3;
            }
            default -> {
            }
        }
        if (e >= '0' && e <= '7') {
            int end = i;
            while (end < text.length() && end < i + 3 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                end++;
            }
            int cp = Integer.parseInt(text.substring(i, end), 8);
            if (bytesLiteral && cp > 0xff) {
                throw new SerializeError("invalid octal escape in bytes literal of serpent data");
            }
            appendCharacter(out, cp, bytesLiteral);
            return end;
        }
        if (!bytesLiteral && (e == 'u' || e == 'U')) {
            int len = e == 'u' ? 4 : 8;
            int cp = hex(text, i + 1, len, "\\" + e);
            if (cp > Character.MAX_CODE_POINT) {
                throw new SerializeError("invalid \\U escape in serpent data: code point out of range");
            }
            appendCodePoint(out, cp);
            return i + 1 + len;
        }
        if (!bytesLiteral && e == 'N') {
            throw new SerializeError("\\N{...} escapes are not supported in serpent data");
        }
        // Python keeps the backslash of an unknown escape
        out.append("\\\\").append(e);
        return i + 1;
    }

    private static int hex(String text, int from, int len, String escape) {
        if (from + len > text.length()) {
            throw new SerializeError("truncated " + escape + " escape in serpent data");
        }
        int value = 0;
        for (int k = from; k < from + len; k++) {
            int d = Character.digit(text.charAt(k), 16);
            if (d < 0) {
                throw new SerializeError("invalid " + escape + " escape in serpent data");
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static void appendCharacter(StringBuilder out, int value, boolean bytesLiteral) {
        if (bytesLiteral) {
            out.append(String.format("\\x%02x", value));
        } else {
            appendCodePoint(out, value);
        }
    }

    /** Writes a code point as {@code \\uXXXX} escapes, which serpent-java decodes (pairs included). */
    private static void appendCodePoint(StringBuilder out, int cp) {
        for (char ch : Character.toChars(cp)) {
            out.append(String.format("\\u%04x", (int) ch));
        }
    }
}
