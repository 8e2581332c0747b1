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
}
