package io.pyrons.serializer.msgpack;

import io.pyrons.api.SerializeError;
import io.pyrons.protocol.values.PyroClassDicts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pyro5's class dicts: the shapes of {@link PyroClassDicts} (URI {@code state}, exception {@code __exception__},
 * {@code args}, {@code attributes}) under Pyro5's class names. Pyro5 writes {@code Pyro5.core.URI},
 * {@code Pyro5.errors.*} and {@code Pyro5.core._ExceptionWrapper} and refuses Pyro4's names ("unsupported
 * serialized class"); builtin exceptions are {@code builtins.*} in both. Inside pyrons the value model keeps
 * Pyro4's names (a {@code NamingError} is {@code Pyro4.errors.NamingError}), so only the names on the wire change.
 */
final class Pyro5ClassDicts {
    private static final String PYRO4_URI = "Pyro4.core.URI";
    private static final String PYRO5_URI = "Pyro5.core.URI";
    private static final String PYRO4_WRAPPER = "Pyro4.futures._ExceptionWrapper";
    private static final String PYRO5_WRAPPER = "Pyro5.core._ExceptionWrapper";
    private static final String PYRO4_ERRORS = "Pyro4.errors.";
    private static final String PYRO5_ERRORS = "Pyro5.errors.";

    private Pyro5ClassDicts() {
    }

    /** The Pyro5 class dict of one of Pyro's own types, or {@code null} if {@code value} is none of them. */
    static Map<String, Object> classDict(Object value) {
        Map<String, Object> dict = PyroClassDicts.classDict(value);
        if (dict == null) {
            return null;
        }
        return renamed(dict);
    }

    private static Map<String, Object> renamed(Map<String, Object> pyro4Dict) {
        Map<String, Object> dict = new LinkedHashMap<>(pyro4Dict);
        dict.put("__class__", toPyro5((String) pyro4Dict.get("__class__")));
        if (dict.get("exception") instanceof Map<?, ?> exception && PYRO5_WRAPPER.equals(dict.get("__class__"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> exceptionDict = (Map<String, Object>) exception;
            dict.put("exception", renamed(exceptionDict));
        }
        return dict;
    }

    private static String toPyro5(String pyro4Class) {
        if (PYRO4_URI.equals(pyro4Class)) {
            return PYRO5_URI;
        }
        if (PYRO4_WRAPPER.equals(pyro4Class)) {
            return PYRO5_WRAPPER;
        }
        if (pyro4Class.startsWith(PYRO4_ERRORS)) {
            return PYRO5_ERRORS + pyro4Class.substring(PYRO4_ERRORS.length());
        }
        return pyro4Class;
    }

    /**
     * Pyro5's {@code dict_to_class} for a dict with {@code __class__} whose contents were already read (msgpack's
     * {@code object_hook} runs on the innermost dicts first): the Pyro5 name becomes the value model's, and
     * {@link PyroClassDicts} recreates and checks it as for Pyro4. Pyro4's own names are refused, as Pyro5 does.
     */
    static Object toObject(Map<String, Object> dict) {
        Object name = dict.get("__class__");
        // a name with "__" is refused first (SecurityError), whichever protocol it names
        if (name instanceof String classname && !classname.contains("__")) {
            String pyro4Class = fromPyro5(classname);
            if (pyro4Class == null) {
                throw new SerializeError("unsupported serialized class: " + classname);
            }
            if (!pyro4Class.equals(classname)) {
                Map<String, Object> renamed = new LinkedHashMap<>(dict);
                renamed.put("__class__", pyro4Class);
                return PyroClassDicts.recreate(renamed);
            }
        }
        return PyroClassDicts.recreate(dict);
    }

    /** The value model's name of a Pyro5 class name, the name itself if it is the same, null if Pyro5 refuses it. */
    private static String fromPyro5(String classname) {
        if (classname.startsWith("Pyro4.")) {
            return null;
        }
        if (PYRO5_URI.equals(classname)) {
            return PYRO4_URI;
        }
        if (PYRO5_WRAPPER.equals(classname)) {
            return PYRO4_WRAPPER;
        }
        if (classname.startsWith(PYRO5_ERRORS)) {
            return PYRO4_ERRORS + classname.substring(PYRO5_ERRORS.length());
        }
        return classname;
    }
}
