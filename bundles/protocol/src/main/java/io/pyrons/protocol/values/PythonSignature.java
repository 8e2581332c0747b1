package io.pyrons.protocol.values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PythonException;

/**
 * A Python method signature {@code def name(self, p1, ..., pk=default, ...)} that binds positional and keyword
 * arguments as CPython 3.11 does, with its {@code TypeError} texts: keywords are checked first (unknown, then
 * duplicate), then the positional count, then missing required arguments. Counts include {@code self}, and
 * the method is named by its qualified name ({@code NameServer.lookup}), as Python 3.10+ prints it. Every Pyro
 * object served from Java binds its calls with this, so that the daemon and the name server word errors alike.
 *
 * @param qualifiedName e.g. {@code NameServer.lookup}
 * @param parameters    parameter names after {@code self}
 * @param defaults      default values of the trailing optional parameters
 */
public record PythonSignature(String qualifiedName, List<String> parameters, List<Object> defaults) {

    public PythonSignature {
        parameters = List.copyOf(parameters);
        defaults = Collections.unmodifiableList(new ArrayList<>(defaults)); // None defaults are nulls
        if (defaults.size() > parameters.size()) {
            throw new IllegalArgumentException("more defaults than parameters in " + qualifiedName);
        }
    }

    /** A method that takes no arguments but {@code self}. */
    public static PythonSignature noArguments(String qualifiedName) {
        return new PythonSignature(qualifiedName, List.of(), List.of());
    }

    /** How many parameters after {@code self} have no default. */
    public int required() {
        return parameters.size() - defaults.size();
    }

    /** The value of every parameter, in order; defaults fill what the caller left out. Null args or kwargs: none. */
    public Object[] bind(List<Object> args, Map<String, Object> kwargs) {
        if (args == null) {
            args = List.of();
        }
        int count = parameters.size();
        Object[] values = new Object[count];
        boolean[] given = new boolean[count];
        for (int i = 0; i < Math.min(args.size(), count); i++) {
            values[i] = args.get(i);
            given[i] = true;
        }
        if (kwargs != null) {
            for (Map.Entry<String, Object> keyword : kwargs.entrySet()) {
                int index = parameters.indexOf(keyword.getKey());
                if (index < 0) {
                    throw PythonException.typeError(qualifiedName + "() got an unexpected keyword argument '"
                            + keyword.getKey() + "'");
                }
                if (given[index]) {
                    throw PythonException.typeError(qualifiedName + "() got multiple values for argument '"
                            + keyword.getKey() + "'");
                }
                values[index] = keyword.getValue();
                given[index] = true;
            }
        }
        if (args.size() > count) {
            throw PythonException.typeError(tooMany(args.size()));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < required(); i++) {
            if (!given[i]) {
                missing.add("'" + parameters.get(i) + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw PythonException.typeError(qualifiedName + "() missing " + missing.size() + " required positional "
                    + (missing.size() == 1 ? "argument" : "arguments") + ": " + enumerate(missing));
        }
        for (int i = required(); i < count; i++) {
            if (!given[i]) {
                values[i] = defaults.get(i - required());
            }
        }
        return values;
    }

    private String tooMany(int givenCount) {
        int max = parameters.size() + 1;
        int min = required() + 1;
        String takes = min == max
                ? max + (max == 1 ? " positional argument" : " positional arguments")
                : "from " + min + " to " + max + " positional arguments";
        return qualifiedName + "() takes " + takes + " but " + (givenCount + 1) + " were given";
    }

    /** Python's list of names: {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'}. */
    private static String enumerate(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " and " + names.get(1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", and " + names.get(names.size() - 1);
    }

    @Override
    public String toString() {
        return qualifiedName + Arrays.toString(parameters.toArray());
    }
}
