package io.pyrons.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;

/** A small tagged binary format covering the value model, so server tests need no real serializer bundle. */
final class TestSerializer implements Serializer {
    private final int id;
    private final String name;

    TestSerializer(int id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public OptionalInt id(PyroProtocol protocol) {
        return OptionalInt.of(id);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
        return serializeData(new Object[]{call.objectId(), call.method(), call.args().toArray(), call.kwargs()});
    }

    @Override
    @SuppressWarnings("unchecked")
    public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
        if (!(deserializeData(data) instanceof Object[] t) || t.length != 4) {
            throw new SerializeError("invalid call");
        }
        return new Invocation((String) t[0], (String) t[1], List.of((Object[]) t[2]), (Map<String, Object>) t[3]);
    }

    @Override
    public byte[] serializeData(Object value, PyroProtocol protocol) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object deserializeData(byte[] data, PyroProtocol protocol) {
        try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
            Object v = read(in);
            if (in.available() > 0) {
                throw new SerializeError("trailing data");
            }
            return v;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializeError s) {
                throw s;
            }
            throw new SerializeError("invalid test data: " + e);
        }
    }

    private static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte('N');
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? 'T' : 'F');
        } else if (v instanceof BigInteger b) {
            out.writeByte('B');
            out.writeUTF(b.toString());
        } else if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            out.writeByte('L');
            out.writeLong(n.longValue());
        } else if (v instanceof Number n) {
            out.writeByte('D');
            out.writeDouble(n.doubleValue());
        } else if (v instanceof String s) {
            out.writeByte('S');
            out.writeUTF(s);
        } else if (v instanceof byte[] b) {
            out.writeByte('Y');
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Object[] a) {
            out.writeByte('U');
            writeAll(out, List.of(a));
        } else if (v instanceof List<?> l) {
            out.writeByte('I');
            writeAll(out, l);
        } else if (v instanceof Set<?> s) {
            out.writeByte('E');
            writeAll(out, s);
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte('M');
            out.writeInt(m.size());
            for (var e : m.entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
        } else if (v instanceof PythonException x) {
            out.writeByte('X');
            out.writeUTF(x.pythonType());
            write(out, x.args());
            write(out, x.attributes());
        } else if (v instanceof ExceptionWrapper w) {
            out.writeByte('W');
            write(out, w.exception());
        } else if (v instanceof PyroURI u) {
            out.writeByte('R');
            out.writeUTF(u.asString());
        } else {
            throw new SerializeError("unsupported type: " + v.getClass().getName());
        }
    }

    private static void writeAll(DataOutputStream out, Collection<?> items) throws IOException {
        out.writeInt(items.size());
        for (Object o : items) {
            write(out, o);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'N': return null;
            case 'T': return true;
            case 'F': return false;
            case 'B': return new BigInteger(in.readUTF());
            case 'L': return in.readLong();
            case 'D': return in.readDouble();
            case 'S': return in.readUTF();
            case 'Y': return in.readNBytes(in.readInt());
            case 'U': return readAll(in, new ArrayList<>()).toArray();
            case 'I': return readAll(in, new ArrayList<>());
            case 'E': return readAll(in, new LinkedHashSet<>());
            case 'M': {
                int n = in.readInt();
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(read(in), read(in));
                }
                return m;
            }
            case 'X': {
                String type = in.readUTF();
                return PythonException.of(type, (List<Object>) read(in), (Map<String, Object>) read(in));
            }
            case 'W': return new ExceptionWrapper((PythonException) read(in));
            case 'R': return PyroURI.parse(in.readUTF());
            default: throw new SerializeError("bad tag " + tag);
        }
    }

    private static <C extends Collection<Object>> C readAll(DataInputStream in, C target) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new SerializeError("bad length");
        }
        for (int i = 0; i < n; i++) {
            target.add(read(in));
        }
        return target;
    }
}
