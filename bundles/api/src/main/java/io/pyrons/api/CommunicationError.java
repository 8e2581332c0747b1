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
}
