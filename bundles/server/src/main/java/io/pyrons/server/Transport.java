package io.pyrons.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream under one connection, non-blocking: the socket itself, or TLS over it. One thread at a time
 * drives it, the one that owns the {@link Connection}: its I/O thread, or for plain sockets also the worker that
 * writes the reply to the request it ran (the connection's hand-over orders the two). TLS is driven by the I/O
 * thread only: its engine's handshake steps need the selector. So neither needs locking.
 */
sealed interface Transport permits PlainTransport, TlsTransport {

    /** Reads what is available into {@code dst}: a count (possibly 0), or -1 once the peer has closed. */
    int read(ByteBuffer dst) throws IOException;

    /** Takes as much of {@code src} as can go now; returns how many bytes were taken. */
    int write(ByteBuffer src) throws IOException;

    /** Pushes transport bytes of our own (TLS records) to the socket; true when none wait any more. */
    boolean flush() throws IOException;

    /**
     * Whether {@link #read} has work without new socket input: bytes already taken off the socket (the selector
     * will not report them again) or a TLS handshake step of ours.
     */
    boolean readPending();

    /** Says goodbye if the transport has a way to (TLS close_notify), without blocking; the caller closes the socket. */
    void shutdown();
}
