package io.pyrons.serializer.marshal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.pyrons.api.SerializeError;

/**
 * UTF-8 with Python's {@code surrogatepass} error handler, which marshal uses both ways: a lone surrogate
 * ({@code '\ud800'}) travels as its three-byte form ({@code ED A0 80}) instead of being refused or replaced by
 * {@code ?}; everything else is strict UTF-8. A surrogate pair in a Java string is one Python character and is
 * written as its four-byte form; two separately encoded halves read back as that pair (Java cannot tell them apart).
 */
final class PythonUtf8 {
    private PythonUtf8() {
    }

    static byte[] encode(String s) {
        if (!hasLoneSurrogate(s)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i); // a lone surrogate comes back as itself
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        }
        return out.toByteArray();
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return decodeSurrogatePass(bytes); // rare: only strings that hold lone surrogates (or are malformed)
        }
    }

    private static String decodeSurrogatePass(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int cp;
            int count;
            int min;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            } else if (b >= 0xC2 && b <= 0xDF) {
                cp = b & 0x1F;
                count = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                cp = b & 0x0F;
                count = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                cp = b & 0x07;
                count = 3;
                min = 0x10000;
            } else {
                throw notUtf8();
            }
            if (i + count >= bytes.length) {
                throw notUtf8();
            }
            for (int k = 1; k <= count; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    throw notUtf8();
                }
                cp = cp << 6 | c & 0x3F;
            }
            if (cp < min || cp > Character.MAX_CODE_POINT) {
                throw notUtf8(); // overlong or beyond U+10FFFF; surrogates (U+D800..U+DFFF) pass
            }
            out.appendCodePoint(cp);
            i += count + 1;
        }
        return out.toString();
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static SerializeError notUtf8() {
        return new SerializeError("bad marshal data (string is not UTF-8)");
    }
}
