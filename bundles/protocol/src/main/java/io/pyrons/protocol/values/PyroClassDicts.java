package io.pyrons.protocol.values;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Pyro4's {@code SerializerBase.class_to_dict} and {@code dict_to_class}, which the dict-based formats
 * (serpent, json, marshal) use for Pyro's own types: a URI is {@code {'__class__': 'Pyro4.core.URI', 'state':
 * (protocol, object, sockname, host, port)}}, an exception {@code {'__class__': module.name,
 * '__exception__': True, 'args': args, 'attributes': vars}}, an {@code _ExceptionWrapper}
 * {@code {'__class__': 'Pyro4.futures._ExceptionWrapper', 'exception': exception dict}}. Reading recreates
 * exactly the classes Pyro4 recreates and refuses the others with Pyro4's errors; like Pyro4, the
 * contents of a recreated class are taken as they are.
 *
 * <p>Pyro5's {@code SerializerBase} does the same under its own names ({@code Pyro5.core.URI},
 * {@code Pyro5.errors.*}, {@code Pyro5.core._ExceptionWrapper}); every method takes the {@link PyroProtocol} whose
 * names to write and to accept (a Pyro5 client refuses Pyro4's names and the reverse); without one it is Pyro4.
 *
 * <p>A format with dict forms of its own (serpent's {@code bytes} and {@code float} dicts) passes them as
 * {@link FormatDicts}; they are tried first, on every dict.
 */
public final class PyroClassDicts {
    /**
     * The dicts a format gives a meaning of its own, beyond Pyro4's class dicts (serpent: {@code bytes} as
     * {@code {'data': base64, 'encoding': 'base64'}}, NaN as {@code {'__class__': 'float', 'value': 'nan'}}).
     */
    @ConsumerType
    @FunctionalInterface
    public interface FormatDicts {
        /** The value {@code dict} stands for in this format, or empty when it is not one of the format's forms. */
        Optional<Object> read(Map<?, ?> dict);
    }

    /** For formats whose only special dicts are Pyro4's class dicts. */
    private static final FormatDicts NONE = dict -> Optional.empty();

    /** Deepest nesting accepted in either direction (Python itself stops at about 1000 levels). */
    public static final int MAX_DEPTH = 200;

    private PyroClassDicts() {
    }

    /** The class dict of one of Pyro's own types, or {@code null} if {@code value} is none of them. */
    public static Map<String, Object> classDict(Object value) {
        return classDict(value, PyroProtocol.PYRO4);
    }

    /** The class dict of one of Pyro's own types as {@code protocol}'s clients know it, or {@code null}. */
    public static Map<String, Object> classDict(Object value, PyroProtocol protocol) {
        if (value instanceof PyroURI uri) {
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("__class__", protocol.uriClass());
            Object object = uri.metadata() != null ? uri.metadata() : uri.object();
            dict.put("state", new Object[] {uri.protocol(), object, uri.sockname(), uri.host(), uri.port()});
            return dict;
        }
        if (value instanceof PythonException ex) {
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("__class__", protocol.exceptionClass(ex.pythonType()));
            dict.put("__exception__", Boolean.TRUE);
            dict.put("args", ex.args().toArray());
            dict.put("attributes", ex.attributes());
            return dict;
        }
        if (value instanceof ExceptionWrapper wrapper) {
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("__class__", protocol.exceptionWrapperClass());
            dict.put("exception", classDict(wrapper.exception(), protocol));
            return dict;
        }
        return null;
    }

    /** Pyro4's {@code recreate_classes}: dicts with {@code __class__} anywhere in the value become objects. */
    public static Object recreate(Object literal) {
        return recreate(literal, NONE, PyroProtocol.PYRO4);
    }

    /** {@link #recreate(Object)} for a format that has dict forms of its own. */
    public static Object recreate(Object literal, FormatDicts formatDicts) {
        return recreate(literal, formatDicts, PyroProtocol.PYRO4);
    }

    /** {@code protocol}'s {@code recreate_classes}, for a format without dict forms of its own. */
    public static Object recreate(Object literal, PyroProtocol protocol) {
        return recreate(literal, NONE, protocol);
    }

    /** {@code protocol}'s {@code recreate_classes}, for a format that has dict forms of its own. */
    public static Object recreate(Object literal, FormatDicts formatDicts, PyroProtocol protocol) {
        return new Recreation(formatDicts, protocol).recreate(literal, 0);
    }

    /** One recreation: the format's own dicts and the protocol whose class names are read. */
    private record Recreation(FormatDicts formatDicts, PyroProtocol protocol) {
        private Object recreate(Object literal, int depth) {
            if (depth > MAX_DEPTH) {
                throw new SerializeError("data nested too deeply (more than " + MAX_DEPTH + " levels)");
            }
            if (literal instanceof Set<?> set) {
                Set<Object> result = new LinkedHashSet<>();
                for (Object element : set) {
                    result.add(recreate(element, depth + 1));
                }
                return result;
            }
            if (literal instanceof List<?> list) {
                List<Object> result = new ArrayList<>(list.size());
                for (Object element : list) {
                    result.add(recreate(element, depth + 1));
                }
                return result;
            }
            if (literal instanceof Object[] tuple) {
                Object[] result = new Object[tuple.length];
                for (int k = 0; k < tuple.length; k++) {
                    result[k] = recreate(tuple[k], depth + 1);
                }
                return result;
            }
            if (literal instanceof Map<?, ?> map) {
                Optional<Object> formatValue = formatDicts.read(map);
                if (formatValue.isPresent()) {
                    return formatValue.get();
                }
                if (map.containsKey("__class__")) {
                    return dictToClass(map);
                }
                Map<Object, Object> result = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    result.put(e.getKey(), recreate(e.getValue(), depth + 1));
                }
                return result;
            }
            return literal;
        }

        /** Pyro's {@code SerializerBase.dict_to_class}, for the classes the value model has. */
        private Object dictToClass(Map<?, ?> data) {
            Object name = data.get("__class__");
            if (name instanceof byte[] bytes) {
                name = new String(bytes, StandardCharsets.UTF_8);
            }
            if (!(name instanceof String classname)) {
                throw new SerializeError("unsupported serialized class: " + PythonTypes.nameOf(name));
            }
            if (classname.contains("__")) {
                throw new SecurityError("refused to deserialize types with double underscores in their name: " + classname);
            }
            if (classname.equals(protocol.uriClass())) {
                return uri(data.get("state"), classname);
            }
            String errorsPrefix = protocol.errorsModule() + ".";
            if (classname.startsWith(errorsPrefix)) {
                String shortName = classname.substring(errorsPrefix.length());
                if (PythonTypes.PYRO_ERRORS.contains(shortName)) {
                    return exception(classname, data);
                }
            } else if (classname.equals(protocol.exceptionWrapperClass())) {
                Object ex = data.get("exception");
                if (ex instanceof Map<?, ?> exData && exData.containsKey("__class__")) {
                    ex = formatDicts.read(exData).orElseGet(() -> dictToClass(exData));
                }
                if (ex instanceof PythonException pe) {
                    return new ExceptionWrapper(pe);
                }
                throw new SerializeError("invalid " + classname + ": exception is a " + PythonTypes.nameOf(ex));
            } else if (PythonTypes.truthy(data.get("__exception__"))) {
                String pythonType = exceptionType(classname, protocol);
                if (pythonType != null) {
                    return exception(pythonType, data);
                }
            }
            throw new SerializeError("unsupported serialized class: " + classname);
        }
    }

    /** The Python type an {@code __exception__} dict is recreated as, or null if Pyro would not. */
    private static String exceptionType(String classname, PyroProtocol protocol) {
        // Pyro's all_exceptions: builtins and Pyro's errors also go by their bare names
        if (PythonTypes.BUILTIN_EXCEPTIONS.contains(classname)) {
            return "builtins." + classname;
        }
        if (PythonTypes.PYRO_ERRORS.contains(classname)) {
            return protocol.errorsModule() + "." + classname;
        }
        int dot = classname.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String namespace = classname.substring(0, dot);
        String shortName = classname.substring(dot + 1);
        if ((namespace.equals("builtins") || namespace.equals("exceptions")) && PythonTypes.BUILTIN_EXCEPTIONS.contains(shortName)) {
            return "builtins." + shortName;
        }
        if (namespace.equals("sqlite3") && PythonTypes.SQLITE3_ERRORS.contains(shortName)) {
            return classname;
        }
        return null;
    }

    private static PythonException exception(String pythonType, Map<?, ?> data) {
        Object args = data.get("args");
        List<Object> argList;
        if (args instanceof Object[] tuple) {
            argList = Arrays.asList(tuple);
        } else if (args instanceof List<?> list) {
            argList = new ArrayList<>(list);
        } else {
            throw new SerializeError("invalid serialized exception " + pythonType + ": args is a " + PythonTypes.nameOf(args));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Object attrs = data.get("attributes");
        if (attrs instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new SerializeError("invalid serialized exception " + pythonType + ": attribute name is a "
                            + PythonTypes.nameOf(e.getKey()));
                }
                attributes.put(key, e.getValue());
            }
        } else if (attrs != null) {
            throw new SerializeError("invalid serialized exception " + pythonType + ": attributes is a " + PythonTypes.nameOf(attrs));
        }
        return PythonException.of(pythonType, argList, attributes);
    }

    private static PyroURI uri(Object state, String uriClass) {
        List<?> fields = state instanceof Object[] tuple ? Arrays.asList(tuple) : state instanceof List<?> l ? l : null;
        if (fields == null || fields.size() != 5) {
            throw new SerializeError("invalid " + uriClass + " state: expected (protocol, object, sockname, host, port)");
        }
        Object protocol = fields.get(0);
        Object object = fields.get(1);
        Object sockname = fields.get(2);
        Object host = fields.get(3);
        Object port = fields.get(4);
        if (!(protocol instanceof String p)) {
            throw new SerializeError("invalid " + uriClass + " state: protocol is a " + PythonTypes.nameOf(protocol));
        }
        if (object instanceof Object[] tuple) {
            object = Arrays.asList(tuple);
        }
        if (object instanceof Collection<?> c) {
            for (Object element : c) {
                if (!(element instanceof String)) {
                    throw new SerializeError("invalid " + uriClass + " state: metadata element is a " + PythonTypes.nameOf(element));
                }
            }
        } else if (!(object instanceof String)) {
            throw new SerializeError("invalid " + uriClass + " state: object is a " + PythonTypes.nameOf(object));
        }
        if (sockname != null && !(sockname instanceof String) || host != null && !(host instanceof String)) {
            throw new SerializeError("invalid " + uriClass + " state: sockname and host must be str or None");
        }
        Integer portNumber = null;
        if (port instanceof Long l && l >= 0 && l <= 65535) {
            portNumber = l.intValue();
        } else if (port != null) {
            throw new SerializeError("invalid " + uriClass + " state: port " + port);
        }
        return PyroURI.fromState(p, object, (String) sockname, (String) host, portNumber);
    }
}
