package io.pyrons.server;

/**
 * What a connection does after a message was handled: send {@code bytes} (if any), then go on, mark the
 * handshake done, or close; {@code afterwards} runs once the connection is free again (oneway calls).
 */
record Reply(byte[] bytes, Next next, Runnable afterwards) {
    enum Next { CONTINUE, CONNECTED, CLOSE }

    static Reply send(byte[] bytes) {
        return new Reply(bytes, Next.CONTINUE, null);
    }

    static Reply connected(byte[] bytes) {
        return new Reply(bytes, Next.CONNECTED, null);
    }

    static Reply sendAndClose(byte[] bytes) {
        return new Reply(bytes, Next.CLOSE, null);
    }

    static Reply close() {
        return new Reply(null, Next.CLOSE, null);
    }

    static Reply nothingThen(Runnable afterwards) {
        return new Reply(null, Next.CONTINUE, afterwards);
    }
}
