package io.pyrons.api;

/** Generic base of all Pyro4 errors ({@code Pyro4.errors.PyroError}). */
public class PyroError extends PythonException {
    private static final long serialVersionUID = 1L;

    public PyroError(String message) {
        super("Pyro4.errors.PyroError", message);
    }

    protected PyroError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected PyroError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
