package io.pyrons.api;

/** The peer closed the connection. Travels as {@code Pyro4.errors.ConnectionClosedError}. */
public class ConnectionClosedError extends CommunicationError {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedError(String message) {
        super("Pyro4.errors.ConnectionClosedError", message);
    }

    protected ConnectionClosedError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected ConnectionClosedError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
