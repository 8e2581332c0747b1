package io.pyrons.naming;

import io.pyrons.api.PyroURI;

/** Whether a registered object's server still accepts connections: the autocleaner's only question. */
@FunctionalInterface
interface Reachability {

    /** What one probe learnt. Only {@link #REFUSED} is evidence that a server is gone. */
    enum Answer {
        /** The server accepted the connection. */
        ACCEPTED,
        /** Nobody is there: connection refused, no route to the host, unknown host, no such Unix socket. */
        REFUSED,
        /**
         * No answer in time (a black-holed host, a network partition, a full accept queue, a probe that never ran):
         * the server may well be alive, so the registration is neither counted as gone nor as back.
         */
        SILENT
    }

    Answer probe(PyroURI uri);
}
