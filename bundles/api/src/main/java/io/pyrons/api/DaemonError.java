package io.pyrons.api;

/** The daemon could not serve the call (unknown object). Travels as {@code Pyro4.errors.DaemonError}. */
public class DaemonError extends PyroError {
    private static final long serialVersionUID = 1L;

    public DaemonError(String message) {
        super("Pyro4.errors.DaemonError", message);
    }

    protected DaemonError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected DaemonError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
