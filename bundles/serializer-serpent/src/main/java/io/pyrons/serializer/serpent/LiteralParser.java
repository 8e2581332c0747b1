package io.pyrons.serializer.serpent;

import io.pyrons.api.SerializeError;
import io.pyrons.protocol.values.PythonTypes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.serpent.Parser;
import net.razorvine.serpent.SeekableStringReader;
import net.razorvine.serpent.ast.BigIntNode;
import net.razorvine.serpent.ast.BooleanNode;
import net.razorvine.serpent.ast.BytesNode;
import net.razorvine.serpent.ast.DoubleNode;
import net.razorvine.serpent.ast.INode;
import net.razorvine.serpent.ast.IntegerNode;
import net.razorvine.serpent.ast.LongNode;
import net.razorvine.serpent.ast.NoneNode;
import net.razorvine.serpent.ast.StringNode;

/**
 * Python's {@code ast.literal_eval} over serpent text prepared by {@link SerpentSource}, giving the Java
 * value model before Pyro's classes are recreated: tuples are {@code Object[]}, dicts and sets keep
 * Python's order (a repeated key keeps its first place and its last value), unhashable keys are refused.
 *
 * <p>Scalars (strings, numbers, {@code True/False/None}, bytes) are read by serpent-java's
 * {@code Parser.parseSingle}. Containers are read here: serpent-java collects dicts and sets in a
 * {@code HashMap}, losing their order, and recurses without a bound; this parser stops at
 * {@link #MAX_DEPTH}.
 */
final class LiteralParser {
    /** Deepest container nesting accepted; Python's own parser stops at 200 nested brackets. */
    static final int MAX_DEPTH = 200;

    private final Parser scalars = new Parser();
    private final SeekableStringReader in;

    private LiteralParser(String text) {
        this.in = new SeekableStringReader(text);
    }

    static Object parse(String text) {
        LiteralParser parser = new LiteralParser(text);
        parser.skipBlanks();
        if (!parser.in.hasMore()) {
            throw new SerializeError("invalid serpent data: no value");
        }
        Object value = parser.value(0);
        parser.skipBlanks();
        if (parser.in.hasMore()) {
            throw new SerializeError("invalid serpent data: unexpected text after the value" + parser.where());
        }
        return value;
    }

    private Object value(int depth) {
        skipBlanks();
        if (!in.hasMore()) {
            throw new SerializeError("invalid serpent data: unexpected end");
        }
        char c = in.peek();
        if (c == '(' || c == '[' || c == '{') {
            if (depth >= MAX_DEPTH) {
                throw new SerializeError("serpent data nested too deeply (more than " + MAX_DEPTH + " levels)");
            }
            in.read();
            return c == '(' ? tuple(depth + 1) : c == '[' ? list(depth + 1) : dictOrSet(depth + 1);
        }
        return scalar();
    }

    /** A tuple, or a single parenthesised value: {@code (1)} is 1, {@code (1,)} a tuple. */
    private Object tuple(int depth) {
        List<Object> items = new ArrayList<>();
        boolean trailingComma = items(items, ')', depth);
        if (items.size() == 1 && !trailingComma) {
            return items.get(0);
        }
        return items.toArray();
    }

    private List<Object> list(int depth) {
        List<Object> items = new ArrayList<>();
        items(items, ']', depth);
        return items;
    }

    /** Reads comma-separated values up to {@code close}; returns whether the last one had a trailing comma. */
    private boolean items(List<Object> items, char close, int depth) {
        boolean comma = false;
        while (true) {
            if (consume(close)) {
                return comma;
            }
            if (!items.isEmpty() && !comma) {
                throw expected("',' or '" + close + "'");
            }
            items.add(value(depth));
            comma = consume(',');
        }
    }

    private Object dictOrSet(int depth) {
        if (consume('}')) {
            return new LinkedHashMap<>();
        }
        Object first = value(depth);
        if (consume(':')) {
            Map<Object, Object> dict = new LinkedHashMap<>();
            dict.put(hashable(first, "dict key"), value(depth));
            while (consume(',')) {
                if (consume('}')) {
                    return dict;
                }
                Object key = hashable(value(depth), "dict key");
                if (!consume(':')) {
                    throw expected("':'");
                }
                dict.put(key, value(depth));
            }
            if (!consume('}')) {
                throw expected("',' or '}'");
            }
            return dict;
        }
        Set<Object> set = new LinkedHashSet<>();
        set.add(hashable(first, "set element"));
        while (consume(',')) {
            if (consume('}')) {
                return set;
            }
            set.add(hashable(value(depth), "set element"));
        }
        if (!consume('}')) {
            throw expected("',' or '}'");
        }
        return set;
    }

    private Object scalar() {
        INode node;
        try {
            node = scalars.parseSingle(in);
        } catch (RuntimeException e) {
            throw new SerializeError("invalid serpent data: " + e.getMessage());
        }
        if (node instanceof NoneNode) {
            return null;
        }
        if (node instanceof BooleanNode b) {
            return b.value;
        }
        if (node instanceof StringNode s) {
            return s.value;
        }
        if (node instanceof IntegerNode i) {
            return Long.valueOf(i.value);
        }
        if (node instanceof LongNode l) {
            return l.value;
        }
        if (node instanceof BigIntNode b) {
            return integer(b.value);
        }
        if (node instanceof DoubleNode d) {
            return d.value;
        }
        if (node instanceof BytesNode b) {
            return b.toByteArray();
        }
        throw new SerializeError("unsupported value in serpent data: " + node.getClass().getSimpleName().replace("Node", ""));
    }

    /** Python ints: {@code Long} when they fit, {@code BigInteger} beyond 64 bits. */
    private static Number integer(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }

    private static Object hashable(Object value, String role) {
        if (value instanceof List || value instanceof Map || value instanceof Set) {
            throw new SerializeError("unhashable " + role + " in serpent data: " + PythonTypes.nameOf(value));
        }
        return value;
    }

    private boolean consume(char c) {
        skipBlanks();
        if (in.hasMore() && in.peek() == c) {
            in.read();
            return true;
        }
        return false;
    }

    /** Skips whitespace and comments (the serpent header is a comment). */
    private void skipBlanks() {
        while (in.hasMore()) {
            char c = in.peek();
            if (c == '#') {
                while (in.hasMore() && in.peek() != '\n') {
                    in.read();
                }
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                in.read();
            } else {
                return;
            }
        }
    }

    private SerializeError expected(String what) {
        return new SerializeError("invalid serpent data: expected " + what + where());
    }

    private String where() {
        int at = in.bookmark();
        return " at position " + at;
    }
}
