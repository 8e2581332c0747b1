package io.pyrons.bench.load;

import java.io.IOException;

/** A reply that is not the one a benchmark call expects: refused handshake, exception reply, wrong seq. */
final class RemoteFailure extends IOException {
    RemoteFailure(String message) {
        super(message);
    }
}
