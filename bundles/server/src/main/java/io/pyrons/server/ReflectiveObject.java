package io.pyrons.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PythonException;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroObject;

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
        Method chosen = null;
        for (Method m : candidates) {
            if (m.getParameterCount() == args.size() + kwargs.size()) {
                chosen = m;
                break;
            }
        }
        if (chosen == null) {
            throw PythonException.typeError(method + "() takes " + candidates.get(0).getParameterCount()
                    + " arguments but " + (args.size() + kwargs.size()) + " were given");
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

    private static Object[] bind(Method m, List<Object> args, Map<String, Object> kwargs) {
        Parameter[] params = m.getParameters();
        Object[] values = new Object[params.length];
        boolean[] set = new boolean[params.length];
        for (int i = 0; i < args.size(); i++) {
            values[i] = ArgumentConverter.convert(args.get(i), params[i].getParameterizedType(), m.getName(), params[i].getName());
            set[i] = true;
        }
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            int index = indexOf(params, kw.getKey());
            if (index < 0) {
                throw PythonException.typeError(m.getName() + "() got an unexpected keyword argument '" + kw.getKey() + "'");
            }
            if (set[index]) {
                throw PythonException.typeError(m.getName() + "() got multiple values for argument '" + kw.getKey() + "'");
            }
            values[index] = ArgumentConverter.convert(kw.getValue(), params[index].getParameterizedType(), m.getName(), kw.getKey());
            set[index] = true;
        }
        for (int i = 0; i < params.length; i++) {
            if (!set[i]) {
                throw PythonException.typeError(m.getName() + "() missing 1 required positional argument: '"
                        + params[i].getName() + "'");
            }
        }
        return values;
    }

    private static int indexOf(Parameter[] params, String name) {
        for (int i = 0; i < params.length; i++) {
            if (params[i].isNamePresent() && params[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
