package io.pyrons.api;

/** A security check failed (HMAC, forbidden class). Travels as {@code Pyro4.errors.SecurityError}. */
public class SecurityError extends PyroError {
    private static final long serialVersionUID = 1L;

    public SecurityError(String message) {
        super("Pyro4.errors.SecurityError", message);
    }

    protected SecurityError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected SecurityError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
