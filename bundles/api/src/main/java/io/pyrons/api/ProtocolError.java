package io.pyrons.api;

/** The peer broke the Pyro wire protocol. Travels as {@code Pyro4.errors.ProtocolError}. */
public class ProtocolError extends CommunicationError {
    private static final long serialVersionUID = 1L;

    public ProtocolError(String message) {
        super("Pyro4.errors.ProtocolError", message);
    }

    protected ProtocolError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected ProtocolError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
