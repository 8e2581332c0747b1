package io.pyrons.client.nsc;

/**
 * Ends the tool with an exit code and a text, as Python's {@code SystemExit} and optparse's {@code exit}/
 * {@code error} do: code 0 texts go to stdout (help), others to stderr.
 */
final class NscExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String text;

    NscExit(int code, String text) {
        super(text, null, false, false);
        this.code = code;
        this.text = text;
    }

    /** Python's {@code raise SystemExit("message")}: the message on stderr, exit code 1. */
    static NscExit systemExit(String message) {
        return new NscExit(1, message + "\n");
    }

    int code() {
        return code;
    }

    String text() {
        return text;
    }
}
