package io.pyrons.naming;

import io.pyrons.api.PyroURI;

/** Whether a registered object's server still accepts connections: the autocleaner's only question. */
@FunctionalInterface
interface Reachability {
    boolean reachable(PyroURI uri);
}
