package io.pyrons.bench.load;

import java.io.IOException;

/** One operation of a closed-loop client: it returns when the server's answer is in. */
@FunctionalInterface
interface ClientOp {
    void run(RawPyroClient client, int clientIndex, long iteration) throws IOException;
}
