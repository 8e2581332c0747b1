package io.pyrons.api;

/** Generic base of all Pyro4 errors ({@code Pyro4.errors.PyroError}). */
public class PyroError extends PythonException {
    private static final long serialVersionUID = 1L;

    public PyroError(String message) {
        super("Pyro4.errors.PyroError", message);
    }

    protected PyroError(String pythonType, String message) {
        super(pythonType, message);
    }
}
