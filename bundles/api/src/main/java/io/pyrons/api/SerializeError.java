package io.pyrons.api;

/** A value could not be serialized or deserialized. Travels as {@code Pyro4.errors.SerializeError}. */
public class SerializeError extends ProtocolError {
    private static final long serialVersionUID = 1L;

    public SerializeError(String message) {
        super("Pyro4.errors.SerializeError", message);
    }

    protected SerializeError(String pythonType, String message) {
        super(pythonType, message);
    }

    /** A received exception with all its {@code args} and attributes (see {@link PythonException#of}). */
    protected SerializeError(String pythonType, java.util.List<Object> args, java.util.Map<String, Object> attributes) {
        super(pythonType, args, attributes);
    }
}
