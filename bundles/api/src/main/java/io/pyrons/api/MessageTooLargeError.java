package io.pyrons.api;

/** A message was larger than the configured maximum. Travels as {@code Pyro4.errors.MessageTooLargeError}. */
public class MessageTooLargeError extends ProtocolError {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeError(String message) {
        super("Pyro4.errors.MessageTooLargeError", message);
    }

    protected MessageTooLargeError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected MessageTooLargeError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
