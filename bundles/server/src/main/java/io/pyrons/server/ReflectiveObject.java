package io.pyrons.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PythonException;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.protocol.values.PythonSignature;

/** Serves a plain object by calling its {@code @Expose}d methods: positional arguments, then keywords by parameter name. */
final class ReflectiveObject implements PyroObject {
    private final Object target;
    private final ExposedClass exposed;

    ReflectiveObject(Object target, ExposedClass exposed) {
        this.target = target;
        this.exposed = exposed;
    }

    @Override
    public ExposedMembers members() {
        return exposed.members();
    }

    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) throws Exception {
        if (method.equals("__getattr__") || method.equals("__setattr__")) {
            // Java objects expose no attributes; Pyro4's text for a missing @property
            String name = args.isEmpty() ? "" : String.valueOf(args.get(0));
            throw PythonException.attributeError("attempt to access unexposed or unknown remote attribute '" + name + "'");
        }
        List<Method> candidates = resolve(method);
        // Java overloads by count; when none fits, the first (fewest parameters) words the TypeError
        Method chosen = candidates.get(0);
        for (Method m : candidates) {
            if (m.getParameterCount() == args.size() + kwargs.size()) {
                chosen = m;
                break;
            }
        }
        Object[] values = bind(chosen, args, kwargs);
        try {
            return chosen.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /** The overloads of {@code method}, or the AttributeError Pyro4's {@code util.getAttribute} raises. */
    List<Method> resolve(String method) {
        if (PrivateNames.isPrivate(method)) {
            throw PythonException.attributeError("attempt to access private attribute '" + method + "'");
        }
        List<Method> candidates = exposed.methods().get(method);
        if (candidates != null) {
            return candidates;
        }
        if (exposed.allPublicNames().contains(method)) {
            throw PythonException.attributeError("attempt to access unexposed attribute '" + method + "'");
        }
        throw PythonException.attributeError("'" + exposed.pythonName() + "' object has no attribute '" + method + "'");
    }

    /**
     * Binds as CPython binds a call of {@code def name(self, p1, ..., pn)} (Java parameters have no defaults),
     * then converts each value to its parameter's type.
     */
    private Object[] bind(Method m, List<Object> args, Map<String, Object> kwargs) {
        Parameter[] params = m.getParameters();
        List<String> names = Arrays.stream(params).map(Parameter::getName).toList();
        Object[] values = new PythonSignature(exposed.pythonName() + "." + m.getName(), names, List.of()).bind(args, kwargs);
        for (int i = 0; i < values.length; i++) {
            values[i] = ArgumentConverter.convert(values[i], params[i].getParameterizedType(), m.getName(), params[i].getName());
        }
        return values;
    }
}
