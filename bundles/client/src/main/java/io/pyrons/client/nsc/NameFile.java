package io.pyrons.client.nsc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file of {@code pyro-nsc export} and {@code import}: a UTF-8 JSON document, version 1, one registration per
 * line so that files can be diffed and read by any JSON tool:
 *
 * <pre>{"format": "pyrons-names", "version": 1, "registrations": [
 * {"name": "shop.item", "uri": "PYRO:item@localhost:5001", "metadata": ["kind:item"]}
 * ]}</pre>
 *
 * Metadata is written sorted; names in the order given. A reader accepts any JSON layout of that document, ignores
 * members it does not know, and refuses another {@code format} or {@code version}. Characters a UTF-8 file cannot
 * hold (a lone surrogate, which Python strings may contain) are written as {@code \\uXXXX} escapes.
 */
final class NameFile {
    static final String FORMAT = "pyrons-names";
    static final int VERSION = 1;

    /** One name server registration. */
    record Registration(String name, String uri, Set<String> metadata) {
        Registration {
            metadata = Set.copyOf(metadata);
        }
    }

    private NameFile() {
    }

    static String write(List<Registration> registrations) {
        StringBuilder text = new StringBuilder("{\"format\": \"" + FORMAT + "\", \"version\": " + VERSION
                + ", \"registrations\": [\n");
        for (int i = 0; i < registrations.size(); i++) {
            Registration r = registrations.get(i);
            text.append("{\"name\": ");
            string(text, r.name());
            text.append(", \"uri\": ");
            string(text, r.uri());
            text.append(", \"metadata\": [");
            boolean first = true;
            for (String tag : new TreeSet<>(r.metadata())) {
                text.append(first ? "" : ", ");
                string(text, tag);
                first = false;
            }
            text.append(i + 1 < registrations.size() ? "]},\n" : "]}\n");
        }
        return text.append("]}\n").toString();
    }

    /** Reads a file's text; an {@link IllegalArgumentException} says what is wrong with it and where. */
    static List<Registration> read(String text) {
        Object document = new Parser(text).document();
        if (!(document instanceof Map<?, ?> top) || !FORMAT.equals(top.get("format"))) {
            throw new IllegalArgumentException("not a " + FORMAT + " file (no \"format\": \"" + FORMAT + "\")");
        }
        if (!(top.get("version") instanceof Long version) || version != VERSION) {
            throw new IllegalArgumentException("unsupported " + FORMAT + " version " + top.get("version")
                    + " (this pyro-nsc reads version " + VERSION + ")");
        }
        if (!(top.get("registrations") instanceof List<?> entries)) {
            throw new IllegalArgumentException("\"registrations\" is not a list");
        }
        List<Registration> registrations = new ArrayList<>();
        for (Object entry : entries) {
            int number = registrations.size() + 1;
            if (!(entry instanceof Map<?, ?> fields) || !(fields.get("name") instanceof String name)
                    || !(fields.get("uri") instanceof String uri)) {
                throw new IllegalArgumentException("registration " + number + " has no string \"name\" and \"uri\"");
            }
            Set<String> metadata = new TreeSet<>();
            Object tags = fields.get("metadata");
            if (tags != null) {
                if (!(tags instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    throw new IllegalArgumentException("registration " + number + " (" + name
                            + "): \"metadata\" is not a list of strings");
                }
                list.forEach(tag -> metadata.add((String) tag));
            }
            registrations.add(new Registration(name, uri, metadata));
        }
        return registrations;
    }

    private static void string(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !pairedSurrogate) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    /** A strict JSON parser (RFC 8259) for the values this document holds: objects, arrays, strings, integers, literals. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object document() {
            Object value = value();
            skipSpace();
            if (at != text.length()) {
                throw error("text after the document");
            }
            return value;
        }

        private Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end of file");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (peek('}')) {
                at++;
                return members;
            }
            while (true) {
                skipSpace();
                if (!peek('"')) {
                    throw error("expected a member name");
                }
                String key = string();
                skipSpace();
                expect(':');
                members.put(key, value());
                skipSpace();
                if (peek(',')) {
                    at++;
                } else {
                    expect('}');
                    return members;
                }
            }
        }

        private List<Object> array() {
            List<Object> items = new ArrayList<>();
            at++;
            skipSpace();
            if (peek(']')) {
                at++;
                return items;
            }
            while (true) {
                items.add(value());
                skipSpace();
                if (peek(',')) {
                    at++;
                } else {
                    expect(']');
                    return items;
                }
            }
        }

        private String string() {
            at++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw error("bad escape \\" + escaped);
                }
            }
        }

        private Long number() {
            int start = at;
            if (peek('-')) {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at < text.length() && ".eE".indexOf(text.charAt(at)) >= 0) {
                throw error("only integers are expected here");
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("unexpected word");
            }
            at += word.length();
            return value;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private IllegalArgumentException error(String message) {
            int line = 1;
            for (int i = 0; i < Math.min(at, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new IllegalArgumentException("invalid JSON at line " + line + ": " + message);
        }
    }
}
