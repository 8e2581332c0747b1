package io.pyrons.server;

import java.util.List;
import java.util.Map;

import io.pyrons.api.PythonException;

/** Binds positional and keyword arguments to named parameters with defaults, raising Python's TypeErrors. */
record PythonCall(String method, List<Object> args, Map<String, Object> kwargs) {
    private static final Object REQUIRED = null;

    /** A call that takes no arguments. */
    void bind() {
        bind(new String[0], new Object[0]);
    }

    /** Binds to {@code names}; a {@code null} default means the parameter is required. */
    Object[] bind(String[] names, Object[] defaults) {
        if (args.size() > names.length) {
            throw PythonException.typeError(method + "() takes " + (names.length + 1) + " positional arguments but "
                    + (args.size() + 1) + " were given");
        }
        Object[] values = new Object[names.length];
        boolean[] set = new boolean[names.length];
        for (int i = 0; i < args.size(); i++) {
            values[i] = args.get(i);
            set[i] = true;
        }
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            int index = List.of(names).indexOf(kw.getKey());
            if (index < 0) {
                throw PythonException.typeError(method + "() got an unexpected keyword argument '" + kw.getKey() + "'");
            }
            if (set[index]) {
                throw PythonException.typeError(method + "() got multiple values for argument '" + kw.getKey() + "'");
            }
            values[index] = kw.getValue();
            set[index] = true;
        }
        for (int i = 0; i < names.length; i++) {
            if (!set[i]) {
                if (defaults[i] == REQUIRED) {
                    throw PythonException.typeError(method + "() missing 1 required positional argument: '" + names[i] + "'");
                }
                values[i] = defaults[i];
            }
        }
        return values;
    }
}
