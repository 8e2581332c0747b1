package io.pyrons.shell;

/** A command failed; the message is the one line the console shows. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    /** Consoles print the exception itself: show just the message, not a class name and a stack trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
