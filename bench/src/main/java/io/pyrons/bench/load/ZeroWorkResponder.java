package io.pyrons.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.pyrons.protocol.MessageType;

/**
 * The ceiling for every lookup figure: a server that does no work at all. It answers a CONNECT with the
 * CONNECTOK and every INVOKE with the lookup RESULT that a real pyro4-ns sent to a real Pyro4 proxy (captured by
 * {@code src/main/python/capture_pyro4ns.py}), only echoing the request's seq and fixing the header checksum,
 * and a PING with "pong". One blocking thread per connection: the cheapest path from a read to a write.
 *
 * <p>Run as its own process by the bench ({@code java -cp ... ZeroWorkResponder [maxSeconds]}); it prints
 * pyro4-ns's {@code NS running on HOST:PORT} line and exits by itself after {@code maxSeconds} (default 3600).
 */
public final class ZeroWorkResponder implements AutoCloseable {
    static final String CONNECTOK_RESOURCE = "reply-0-connectok.bin";
    static final String LOOKUP_RESULT_RESOURCE = "reply-2-result.bin";

    private final byte[] connectOk;
    private final byte[] lookupResult;
    private final ServerSocket server;

    ZeroWorkResponder(byte[] connectOk, byte[] lookupResult) throws IOException {
        this.connectOk = connectOk;
        this.lookupResult = lookupResult;
        this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    }

    static ZeroWorkResponder withCapturedReplies() throws IOException {
        return new ZeroWorkResponder(resource(CONNECTOK_RESOURCE), resource(LOOKUP_RESULT_RESOURCE));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ZeroWorkResponder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing captured reply " + name);
            }
            return in.readAllBytes();
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Accepts until closed; each connection gets its own daemon thread. */
    void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> answer(s), "responder-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("accept failed: " + e);
                }
            }
        }
    }

    private void answer(Socket s) {
        byte[] ok = connectOk.clone();
        byte[] result = lookupResult.clone();
        byte[] pong = new byte[WireHeader.SIZE + 4];
        byte[] header = new byte[WireHeader.SIZE];
        byte[] body = new byte[4096];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (readFully(in, header, WireHeader.SIZE)) {
                if (!WireHeader.isPyro(header)) {
                    return;
                }
                int length = WireHeader.annotationsLength(header) + WireHeader.dataLength(header);
                if (length < 0 || length > 64 << 20) {
                    return;
                }
                if (body.length < length) {
                    body = new byte[length];
                }
                if (!readFully(in, body, length)) {
                    return;
                }
                int seq = WireHeader.seq(header);
                byte[] reply = switch (WireHeader.type(header)) {
                    case MessageType.CONNECT -> ok;
                    case MessageType.INVOKE -> result;
                    case MessageType.PING -> {
                        WireHeader.write(pong, MessageType.PING, 0, seq, 4, WireHeader.serializerId(header), 0);
                        System.arraycopy("pong".getBytes(StandardCharsets.US_ASCII), 0, pong, WireHeader.SIZE, 4);
                        yield pong;
                    }
                    default -> null;
                };
                if (reply == null) {
                    return;
                }
                WireHeader.setSeq(reply, seq);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // a client that goes away mid-message ends only its own connection
        }
    }

    private static boolean readFully(InputStream in, byte[] into, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int r = in.read(into, n, length - n);
            if (r < 0) {
                return false;
            }
            n += r;
        }
        return true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 3600;
        ZeroWorkResponder responder = withCapturedReplies();
        Thread acceptor = new Thread(responder::serve, "responder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        InetSocketAddress a = responder.address();
        System.out.println("NS running on " + a.getAddress().getHostAddress() + ":" + a.getPort() + " (zero-work responder)");
        System.out.flush();
        acceptor.join(maxSeconds * 1000);
        responder.close();
    }
}
