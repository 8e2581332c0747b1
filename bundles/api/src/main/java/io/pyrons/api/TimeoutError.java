package io.pyrons.api;

/** A network operation took too long. Travels as {@code Pyro4.errors.TimeoutError}. */
public class TimeoutError extends CommunicationError {
    private static final long serialVersionUID = 1L;

    public TimeoutError(String message) {
        super("Pyro4.errors.TimeoutError", message);
    }

    protected TimeoutError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected TimeoutError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
