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
}
