package io.pyrons.storage.dbm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Python's {@code dbm.dumb} store: {@code F.dir} is the index, one line per key,
 * {@code 'key', (offset, size)}, the key being the Python repr of its bytes decoded as Latin-1 and the file written
 * in Latin-1; {@code F.dat} holds the values at those offsets. A key written twice counts once, the later line
 * winning, as {@code dbm.dumb} reads it. {@code F.bak} is a backup of the index and not read.
 */
final class DumbDbmFiles {
    private DumbDbmFiles() {
    }

    /** Every pair in {@code dir} and {@code dat}. */
    static List<PythonDbm.Item> read(Path dir, Path dat) throws IOException {
        String index = new String(Files.readAllBytes(dir), StandardCharsets.ISO_8859_1);
        byte[] data = Files.readAllBytes(dat);
        Map<String, PythonDbm.Item> items = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : index.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                Line parsed = new Line(line);
                String key = parsed.string();
                parsed.expect(", (");
                long offset = parsed.number();
                parsed.expect(", ");
                long size = parsed.number();
                parsed.expect(")");
                parsed.end();
                if (offset < 0 || size < 0 || offset + size > data.length) {
                    throw new IOException("the value lies outside " + dat.getFileName() + " (" + data.length + " bytes)");
                }
                byte[] value = new byte[(int) size];
                System.arraycopy(data, (int) offset, value, 0, (int) size);
                items.put(key, new PythonDbm.Item(key.getBytes(StandardCharsets.ISO_8859_1), value));
            } catch (IOException e) {
                throw new IOException(dir.getFileName() + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(items.values());
    }

    /** A cursor over one index line. */
    private static final class Line {
        private final String text;
        private int at;

        Line(String text) {
            this.text = text;
        }

        void expect(String literal) throws IOException {
            if (!text.startsWith(literal, at)) {
                throw new IOException("expected '" + literal + "' at column " + (at + 1));
            }
            at += literal.length();
        }

        void end() throws IOException {
            if (at != text.length()) {
                throw new IOException("unexpected text at column " + (at + 1));
            }
        }

        long number() throws IOException {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 18) {
                at++;
            }
            if (at == start) {
                throw new IOException("expected a number at column " + (at + 1));
            }
            return Long.parseLong(text, start, at, 10);
        }

        /** A Python str literal as repr() writes one: quoted with ' or ", backslash escapes. */
        String string() throws IOException {
            if (at >= text.length() || (text.charAt(at) != '\'' && text.charAt(at) != '"')) {
                throw new IOException("expected a quoted key");
            }
            char quote = text.charAt(at++);
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new IOException("unterminated key");
                }
                char c = text.charAt(at++);
                if (c == quote) {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw new IOException("unterminated escape");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '\\', '\'', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'x' -> {
                        if (at + 2 > text.length()) {
                            throw new IOException("short \\x escape");
                        }
                        try {
                            value.append((char) Integer.parseInt(text, at, at + 2, 16));
                        } catch (NumberFormatException e) {
                            throw new IOException("bad \\x escape at column " + at, e);
                        }
                        at += 2;
                    }
                    default -> throw new IOException("unknown escape \\" + escaped + " at column " + at);
                }
            }
        }
    }
}
