package io.pyrons.api;

/** A name server error: unknown or duplicate name, bad query, unavailable storage. Travels as {@code Pyro4.errors.NamingError}. */
public class NamingError extends PyroError {
    private static final long serialVersionUID = 1L;

    public NamingError(String message) {
        super("Pyro4.errors.NamingError", message);
    }

    protected NamingError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected NamingError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
