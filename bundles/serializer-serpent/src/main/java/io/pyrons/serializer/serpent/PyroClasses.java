package io.pyrons.serializer.serpent;

import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pyro4's {@code SerializerBase.recreate_classes} / {@code SerpentSerializer.dict_to_class} over literal
 * values: a dict with {@code __class__} becomes a {@link PyroURI}, a {@link PythonException} or an
 * {@link ExceptionWrapper} (or a float for serpent's NaN form); other class names are refused with the
 * errors Pyro4 raises. Like Pyro4, the contents of a recreated class are taken as they are, not recreated.
 *
 * <p>One addition to Pyro4: a dict of exactly {@code 'data'} and {@code 'encoding': 'base64'}, serpent's
 * form of {@code bytes}, becomes a {@code byte[]}, as the value model says.
 */
final class PyroClasses {
    private PyroClasses() {
    }

    static Object recreate(Object literal) {
        if (literal instanceof Set<?> set) {
            Set<Object> result = new LinkedHashSet<>();
            for (Object element : set) {
                result.add(recreate(element));
            }
            return result;
        }
        if (literal instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object element : list) {
                result.add(recreate(element));
            }
            return result;
        }
        if (literal instanceof Object[] tuple) {
            Object[] result = new Object[tuple.length];
            for (int k = 0; k < tuple.length; k++) {
                result[k] = recreate(tuple[k]);
            }
            return result;
        }
        if (literal instanceof Map<?, ?> map) {
            if (map.containsKey("__class__")) {
                return dictToClass(map);
            }
            if (isSerpentBytes(map)) {
                return decodeBytes((String) map.get("data"));
            }
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                result.put(e.getKey(), recreate(e.getValue()));
            }
            return result;
        }
        return literal;
    }

    private static boolean isSerpentBytes(Map<?, ?> map) {
        return map.size() == 2 && "base64".equals(map.get("encoding")) && map.get("data") instanceof String;
    }

    private static byte[] decodeBytes(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SerializeError("invalid base64 data in serpent bytes value");
        }
    }

    static Object dictToClass(Map<?, ?> data) {
        Object name = data.get("__class__");
        if (!(name instanceof String classname)) {
            throw new SerializeError("unsupported serialized class: " + PythonTypes.nameOf(name));
        }
        if (classname.equals("float")) {
            return pythonFloat(data.get("value"));
        }
        if (classname.contains("__")) {
            throw new SecurityError("refused to deserialize types with double underscores in their name: " + classname);
        }
        if (classname.equals("Pyro4.core.URI")) {
            return uri(data.get("state"));
        }
        if (classname.startsWith("Pyro4.errors.")) {
            String shortName = classname.substring("Pyro4.errors.".length());
            if (PythonTypes.PYRO_ERRORS.contains(shortName)) {
                return exception(classname, data);
            }
        } else if (classname.equals("Pyro4.futures._ExceptionWrapper")) {
            Object ex = data.get("exception");
            if (ex instanceof Map<?, ?> exData && exData.containsKey("__class__")) {
                ex = dictToClass(exData);
            }
            if (ex instanceof PythonException pe) {
                return new ExceptionWrapper(pe);
            }
            throw new SerializeError("invalid Pyro4.futures._ExceptionWrapper: exception is a " + PythonTypes.nameOf(ex));
        } else if (PythonTypes.truthy(data.get("__exception__"))) {
            String pythonType = exceptionType(classname);
            if (pythonType != null) {
                return exception(pythonType, data);
            }
        }
        throw new SerializeError("unsupported serialized class: " + classname);
    }

    /** The Python type an {@code __exception__} dict is recreated as, or null if Pyro4 would not. */
    private static String exceptionType(String classname) {
        if (PythonTypes.BUILTIN_EXCEPTIONS.contains(classname)) {
            return "builtins." + classname;
        }
        if (PythonTypes.PYRO_ERRORS.contains(classname)) {
            return "Pyro4.errors." + classname;
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

    private static PyroURI uri(Object state) {
        List<?> fields = state instanceof Object[] tuple ? Arrays.asList(tuple) : state instanceof List<?> l ? l : null;
        if (fields == null || fields.size() != 5) {
            throw new SerializeError("invalid Pyro4.core.URI state: expected (protocol, object, sockname, host, port)");
        }
        Object protocol = fields.get(0);
        Object object = fields.get(1);
        Object sockname = fields.get(2);
        Object host = fields.get(3);
        Object port = fields.get(4);
        if (!(protocol instanceof String p)) {
            throw new SerializeError("invalid Pyro4.core.URI state: protocol is a " + PythonTypes.nameOf(protocol));
        }
        if (object instanceof Object[] tuple) {
            object = Arrays.asList(tuple);
        }
        if (object instanceof Collection<?> c) {
            for (Object element : c) {
                if (!(element instanceof String)) {
                    throw new SerializeError("invalid Pyro4.core.URI state: metadata element is a " + PythonTypes.nameOf(element));
                }
            }
        } else if (!(object instanceof String)) {
            throw new SerializeError("invalid Pyro4.core.URI state: object is a " + PythonTypes.nameOf(object));
        }
        if (sockname != null && !(sockname instanceof String) || host != null && !(host instanceof String)) {
            throw new SerializeError("invalid Pyro4.core.URI state: sockname and host must be str or None");
        }
        Integer portNumber = null;
        if (port instanceof Long l && l >= 0 && l <= 65535) {
            portNumber = l.intValue();
        } else if (port != null) {
            throw new SerializeError("invalid Pyro4.core.URI state: port " + port);
        }
        return PyroURI.fromState(p, object, (String) sockname, (String) host, portNumber);
    }

    /** Python's {@code float(value)} for the values serpent and Pyro4 put in a {@code 'float'} class dict. */
    private static Double pythonFloat(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
            double sign = t.startsWith("-") ? -1.0 : 1.0;
            switch (unsigned) {
                case "nan":
                    return Double.NaN;
                case "inf", "infinity":
                    return sign * Double.POSITIVE_INFINITY;
                default:
                    if (unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?") && t.length() <= 400) {
                        return Double.parseDouble(t);
                    }
            }
        }
        throw new SerializeError("invalid serialized float: " + PythonTypes.nameOf(value));
    }
}
