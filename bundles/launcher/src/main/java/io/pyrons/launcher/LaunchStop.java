package io.pyrons.launcher;

/**
 * The launch ends before the name server starts, as Python's {@code SystemExit} ends pyro4-ns: what to print on
 * stdout and stderr (each empty or ending in a newline) and the process exit status.
 */
final class LaunchStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String stdout;
    final String stderr;

    LaunchStop(int status, String stdout, String stderr) {
        super(stderr.isEmpty() ? stdout : stderr, null, false, false);
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A refusal of ours: one line {@code pyro-ns: error: MESSAGE} on stderr. */
    static LaunchStop error(int status, String message) {
        return new LaunchStop(status, "", PyroNsOptionParser.PROG + ": error: " + message + "\n");
    }
}
