package io.pyrons.protocol.optparse;

/**
 * optparse ends the program: after the help (status 0, the text goes to stdout) or after an error (status 2, the
 * text goes to stderr).
 */
public final class OptionParserExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String text;

    OptionParserExit(int status, String text) {
        super(text, null, false, false);
        this.status = status;
        this.text = text;
    }

    public int status() {
        return status;
    }

    /** What optparse prints, ending in a newline. */
    public String text() {
        return text;
    }
}
