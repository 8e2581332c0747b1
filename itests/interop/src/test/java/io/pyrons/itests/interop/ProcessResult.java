package io.pyrons.itests.interop;

import java.util.List;

/** What a finished command left behind. */
record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** The whole picture, for failure messages. */
    String describe() {
        return "command " + command + " exited with " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
