package io.pyrons.serializer.pickle;

import io.pyrons.api.SerializeError;
import io.pyrons.serializer.pickle.PickleGlobal.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * razorvine's unpickler with every opcode that names or calls something taken over: GLOBAL and
 * STACK_GLOBAL resolve only {@link PickleGlobal}s (anything else is refused before it is looked up, let
 * alone called), REDUCE / NEWOBJ / BUILD create only {@link PendingObject}s and plain containers, and
 * INST, OBJ, extension codes, persistent ids and out-of-band buffers are refused. Plain-data opcodes are
 * razorvine's, after declared lengths have been checked against the bytes left (so a forged length
 * allocates nothing) and dict keys and set elements checked to be hashable as in Python (so no Java
 * {@code hashCode} walks a list). One instance per message.
 */
final class SafeUnpickler extends Unpickler {
    /** Python refuses int text longer than this (sys.get_int_max_str_digits); so do we. */
    private static final int MAX_NUMBER_TEXT = 4300;

    private final ByteArrayInputStream bytes;

    private SafeUnpickler(byte[] data) {
        this.bytes = new ByteArrayInputStream(data);
    }

    /** Unpickles {@code data} into plain Java containers and {@link PendingObject}s. */
    static Object unpickle(byte[] data) throws IOException {
        SafeUnpickler unpickler = new SafeUnpickler(data);
        try {
            return unpickler.load(unpickler.bytes);
        } finally {
            unpickler.close();
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL:
                stack.add(PickleGlobal.resolve(line(), line()));
                return NO_RETURN_VALUE;
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new SerializeError("invalid pickle data: STACK_GLOBAL without module and name strings");
                }
                stack.add(PickleGlobal.resolve(m, n));
                return NO_RETURN_VALUE;
            }
            case Opcodes.REDUCE: {
                Object args = stack.pop();
                stack.add(call(stack.pop(), args));
                return NO_RETURN_VALUE;
            }
            case Opcodes.NEWOBJ: {
                Object args = stack.pop();
                stack.add(newObject(stack.pop(), args));
                return NO_RETURN_VALUE;
            }
            case Opcodes.NEWOBJ_EX: {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                if (!(kwargs instanceof Map<?, ?> map) || !map.isEmpty()) {
                    throw new SerializeError("invalid pickle data: NEWOBJ_EX with keyword arguments");
                }
                stack.add(newObject(stack.pop(), args));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD: {
                Object state = stack.pop();
                build(stack.peek(), state);
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.PERSID, Opcodes.BINPERSID,
                    Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER:
                throw new SerializeError("unsupported pickle opcode 0x" + Integer.toHexString(key)
                        + " (old-style instances, extensions, persistent ids and out-of-band buffers are refused)");
            case Opcodes.EMPTY_DICT:
                stack.add(new LinkedHashMap<>()); // keeps Python's key order
                return NO_RETURN_VALUE;
            case Opcodes.EMPTY_SET:
                stack.add(new LinkedHashSet<>());
                return NO_RETURN_VALUE;
            case Opcodes.SETITEM: {
                Object value = stack.pop();
                Object dictKey = hashable(stack.pop());
                dict(stack.peek()).put(dictKey, value);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS: {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(dict(stack.peek()), items);
                return NO_RETURN_VALUE;
            }
            case Opcodes.DICT: {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
                return NO_RETURN_VALUE;
            }
            case Opcodes.ADDITEMS, Opcodes.FROZENSET: {
                List<Object> items = stack.pop_all_since_marker();
                items.forEach(SafeUnpickler::hashable);
                if (key == Opcodes.FROZENSET) {
                    stack.add(new LinkedHashSet<>(items));
                } else if (stack.peek() instanceof Set<?> set) {
                    @SuppressWarnings("unchecked")
                    Set<Object> target = (Set<Object>) set;
                    target.addAll(items);
                } else {
                    throw new SerializeError("invalid pickle data: ADDITEMS without a set");
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINSTRING, Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4:
                checkLength(4);
                break;
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8:
                checkLength(8);
                break;
            case Opcodes.INT, Opcodes.LONG, Opcodes.FLOAT:
                checkLineLength();
                break;
            default:
                break;
        }
        return super.dispatch(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target) {
        if (!(target instanceof Map)) {
            throw new SerializeError("invalid pickle data: SETITEM without a dict");
        }
        return (Map<Object, Object>) target;
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new SerializeError("invalid pickle data: odd number of items for a dict");
        }
        for (int k = 0; k < items.size(); k += 2) {
            dict.put(hashable(items.get(k)), items.get(k + 1));
        }
    }

    /** Python refuses lists, dicts and sets as keys; refusing them here also keeps hashCode off deep structures. */
    private static Object hashable(Object key) {
        if (key instanceof Collection || key instanceof Map) {
            throw new SerializeError("invalid pickle data: unhashable " + (key instanceof Map ? "dict" : "list or set")
                    + " as dict key or set element");
        }
        return key;
    }

    /** REDUCE: calls an allowed global with a tuple of arguments. */
    private static Object call(Object callable, Object args) {
        if (!(callable instanceof PickleGlobal global)) {
            throw new SerializeError("invalid pickle data: REDUCE calls a " + describe(callable));
        }
        if (!(args instanceof Object[] tuple)) {
            throw new SerializeError("invalid pickle data: REDUCE arguments are not a tuple");
        }
        switch (global.kind()) {
            case EXCEPTION:
                return new PendingObject.ExceptionObject(global.pythonType(), Arrays.asList(tuple));
            case SET:
            case FROZENSET:
                if (tuple.length == 0) {
                    return new LinkedHashSet<>();
                }
                if (tuple.length == 1) {
                    Collection<?> items = tuple[0] instanceof Object[] t ? Arrays.asList(t) : tuple[0] instanceof Collection<?> c ? c : null;
                    if (items != null) {
                        items.forEach(SafeUnpickler::hashable);
                        return new LinkedHashSet<>(items);
                    }
                }
                break;
            case BYTES:
            case BYTEARRAY:
            case CODECS_ENCODE:
                return bytes(global, tuple);
            case RECONSTRUCTOR:
                // copyreg._reconstructor(cls, object, None): protocols 0 and 1 create instances this way
                if (tuple.length == 3 && tuple[1] instanceof PickleGlobal base && base.kind() == Kind.OBJECT && tuple[2] == null) {
                    return newObject(tuple[0], new Object[0]);
                }
                break;
            case URI:
                if (tuple.length == 1 && tuple[0] instanceof String uri) {
                    PendingObject.Uri pending = new PendingObject.Uri();
                    pending.state = uri; // URI('PYRO:...') parses its argument
                    return pending;
                }
                break;
            default:
                break;
        }
        throw new SerializeError("invalid pickle data: cannot call " + global.pythonType() + " with " + tuple.length + " arguments");
    }

    /** {@code bytes(...)}, {@code bytearray(...)} and {@code _codecs.encode(str, 'latin1')}, as pickle uses them. */
    private static byte[] bytes(PickleGlobal global, Object[] args) {
        if (args.length == 0 && global.kind() != Kind.CODECS_ENCODE) {
            return new byte[0];
        }
        if (args.length == 1 && args[0] instanceof byte[] b && global.kind() != Kind.CODECS_ENCODE) {
            return b.clone();
        }
        if (args.length == 2 && args[0] instanceof String text && args[1] instanceof String encoding
                && (encoding.equals("latin1") || encoding.equals("latin-1"))) {
            if (text.chars().anyMatch(c -> c > 0xff)) {
                throw new SerializeError("invalid pickle data: bytes text beyond latin-1");
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new SerializeError("invalid pickle data: unsupported arguments for " + global.pythonType());
    }

    /** NEWOBJ: {@code cls.__new__(cls, *args)}, for the classes pickle creates empty and then BUILDs. */
    private static Object newObject(Object cls, Object args) {
        if (!(cls instanceof PickleGlobal global)) {
            throw new SerializeError("invalid pickle data: NEWOBJ on a " + describe(cls));
        }
        if (!(args instanceof Object[] tuple)) {
            throw new SerializeError("invalid pickle data: NEWOBJ arguments are not a tuple");
        }
        switch (global.kind()) {
            case URI:
                if (tuple.length == 0) {
                    return new PendingObject.Uri();
                }
                break;
            case EXCEPTION_WRAPPER:
                if (tuple.length == 0) {
                    return new PendingObject.Wrapper();
                }
                break;
            case EXCEPTION:
                return new PendingObject.ExceptionObject(global.pythonType(), Arrays.asList(tuple));
            default:
                break;
        }
        throw new SerializeError("invalid pickle data: cannot create " + global.pythonType() + " with NEWOBJ");
    }

    /** BUILD: sets the state of an object created by NEWOBJ or REDUCE. */
    private static void build(Object target, Object state) {
        if (target instanceof PendingObject.Uri uri && state instanceof Object[] tuple && uri.state == null) {
            uri.state = tuple;
        } else if (target instanceof PendingObject.Wrapper wrapper && state instanceof Map<?, ?> dict && dict.containsKey("exception")) {
            wrapper.exception = dict.get("exception");
        } else if (target instanceof PendingObject.ExceptionObject exception && state instanceof Map<?, ?> dict) {
            exception.attributes = dict;
        } else {
            throw new SerializeError("invalid pickle data: cannot set the state of a " + describe(target) + " to a " + describe(state));
        }
    }

    private static String describe(Object value) {
        if (value instanceof PickleGlobal global) {
            return global.pythonType();
        }
        if (value instanceof PendingObject pending) {
            return pending.getClass().getSimpleName();
        }
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    private String line() throws IOException {
        checkLineLength();
        return PickleUtils.readline(input);
    }

    /** A length-prefixed argument must fit in the bytes left: checked before razorvine allocates it. */
    private void checkLength(int size) {
        bytes.mark(0);
        long length = 0;
        for (int k = 0; k < size; k++) {
            int b = bytes.read();
            if (b < 0) {
                throw new SerializeError("invalid pickle data: truncated");
            }
            length |= (long) b << (8 * k);
        }
        int left = bytes.available();
        bytes.reset();
        if (size == 4) {
            length = (int) length; // razorvine reads 4-byte lengths as signed ints
        }
        if (length < 0 || length > left) {
            throw new SerializeError("invalid pickle data: declared length " + length + " but only " + left + " bytes left");
        }
    }

    /** Text arguments end at a newline that must come soon: a number of a million digits is refused. */
    private void checkLineLength() {
        bytes.mark(0);
        try {
            for (int k = 0; k <= MAX_NUMBER_TEXT + 64; k++) {
                int b = bytes.read();
                if (b < 0) {
                    throw new SerializeError("invalid pickle data: truncated");
                }
                if (b == '\n') {
                    return;
                }
            }
            throw new SerializeError("invalid pickle data: text argument too long");
        } finally {
            bytes.reset();
        }
    }
}
