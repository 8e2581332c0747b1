package io.pyrons.client.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.ExceptionWrapper;

/**
 * Python's {@code repr()} and {@code str()} of values of the serializer value model, so that printed output
 * is byte for byte what Python prints ({@code ['a', 'b']}, {@code {'x'}}, {@code set()}, {@code (1,)},
 * {@code b'\x00'}, {@code 1e+16}, ...). A URI's repr contains no address (Python's holds an object id).
 */
public final class PythonRepr {
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

    /** Python's {@code str(exception)}: nothing for no args, the single arg's str, else the args tuple. */
    public static String exceptionStr(PythonException e) {
        List<Object> args = e.args();
        if (args.isEmpty()) {
            return "";
        }
        if (args.size() == 1) {
            return str(args.get(0));
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
            out.append(string(s));
        } else if (value instanceof Double || value instanceof Float) {
            out.append(floatRepr(((Number) value).doubleValue()));
        } else if (value instanceof Number n) {
            out.append(n instanceof BigDecimal d ? d.toPlainString() : n.toString());
        } else if (value instanceof byte[] bytes) {
            out.append(bytes(bytes));
        } else if (value instanceof Object[] tuple) {
            out.append('(');
            appendAll(out, java.util.Arrays.asList(tuple).iterator());
            out.append(tuple.length == 1 ? ",)" : ")");
        } else if (value instanceof List<?> list) {
            out.append('[');
            appendAll(out, list.iterator());
            out.append(']');
        } else if (value instanceof Set<?> set) {
            if (set.isEmpty()) {
                out.append("set()");
            } else {
                out.append('{');
                appendAll(out, set.iterator());
                out.append('}');
            }
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            appendAll(out, c.iterator());
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
            out.append(e.pythonName()).append(repr(e.args().toArray()).replaceFirst(",\\)$", ")"));
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

    /** A str literal as Python writes it. */
    static String string(String s) {
        return io.pyrons.protocol.values.PythonRepr.string(s);
    }

    /** A bytes literal as Python writes it. */
    static String bytes(byte[] data) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : data) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(data.length + 3).append("b").append(quote);
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
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    /** Python's float repr. */
    static String floatRepr(double d) {
        return io.pyrons.protocol.values.PythonRepr.floatRepr(d);
    }

    /** Python's order of strings: by code point. */
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
}
