package io.pyrons.api;

/** Base of the errors that happen while talking to a Pyro peer. Travels as {@code Pyro4.errors.CommunicationError}. */
public class CommunicationError extends PyroError {
    private static final long serialVersionUID = 1L;

    public CommunicationError(String message) {
        super("Pyro4.errors.CommunicationError", message);
    }

    protected CommunicationError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected CommunicationError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
