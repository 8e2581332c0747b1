package io.pyrons.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.pyrons.api.CommunicationError;
import io.pyrons.api.ConnectionClosedError;
import io.pyrons.api.DaemonError;
import io.pyrons.api.MessageTooLargeError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import io.pyrons.api.SerializeError;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;
import io.pyrons.protocol.Pyro5Codec;
import io.pyrons.protocol.values.PythonRepr;

/**
 * The daemon's protocol logic, transport-free: Pyro4's and Pyro5's {@code Daemon._handshake} and
 * {@code Daemon.handleRequest} turned into "message in, {@link Reply} out". One instance per protocol
 * ({@link Framing}) serves every connection of that protocol: it frames the replies, finds serializers by that
 * protocol's ids, and has them write that protocol's class names. The two differ in the handshake only: Pyro5
 * always sends the metadata, Pyro4 when asked (META_ON_CONNECT). A protocol the configuration refuses gets
 * CONNECTFAIL with the reason, in its own framing. Thread-safe.
 */
final class RequestHandler {
    private static final Logger LOG = System.getLogger("io.pyrons.server");
    private static final String CORRELATION = "CORR";
    private static final byte[] PONG = "pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Framing framing;
    private final PyroProtocol protocol;
    /** Why this protocol's clients are refused, or null when they are served. */
    private final String refusal;
    private final boolean compression;
    private final SerializerRegistry serializers;
    private final ObjectRegistry objects;
    private final DaemonObject daemonObject;
    /** The most bytes a compressed request may inflate to, however big max.message.size allows messages to be. */
    private final int inflateLimit;
    private final ServerMetrics metrics;

    RequestHandler(Framing framing, SerializerRegistry serializers, ObjectRegistry objects, DaemonObject daemonObject,
                   boolean compression, int inflateLimit, String refusal, ServerMetrics metrics) {
        this.framing = framing;
        this.protocol = framing.protocol();
        this.refusal = refusal;
        this.metrics = metrics;
        this.inflateLimit = inflateLimit;
        this.compression = compression;
        this.serializers = serializers;
        this.objects = objects;
        this.daemonObject = daemonObject;
    }

    Framing framing() {
        return framing;
    }

    // ---- handshake

    /** The first message of a connection: must be CONNECT in an accepted serializer. */
    Reply handshake(Message msg, String peer) {
        int serializerId = MarshalText.serializerId(protocol);
        int seq = 0;
        Map<String, byte[]> annotations = responseAnnotations(msg);
        try {
            if (msg.type() != MessageType.CONNECT) {
                // Pyro4 refuses the type while reading, before it knows the seq
                throw new io.pyrons.api.ProtocolError("invalid msg type " + msg.type() + " received");
            }
            seq = msg.seq();
            if (refusal != null) {
                LOG.log(Level.INFO, () -> "refused a " + protocol.module() + " client " + peer + ": " + refusal);
                metrics.refused.increment();
                return Reply.sendAndClose(connectFail(refusal, serializerId, seq, annotations));
            }
            Serializer serializer = serializers.accepted(protocol, msg.serializerId());
            serializerId = msg.serializerId();
            Object data = serializer.deserializeData(framing.decompressIfNeeded(msg, inflateLimit).data(), protocol);
            if (!(data instanceof Map<?, ?> request) || !request.containsKey("handshake")) {
                throw new PythonException("builtins.KeyError", "'handshake'");
            }
            Object response = "hello";
            int flags = 0;
            if (protocol == PyroProtocol.PYRO5) {
                // Pyro5 always answers with the object's metadata (sets), and fails for an unknown object
                Map<String, Object> withMeta = new LinkedHashMap<>();
                withMeta.put("handshake", response);
                withMeta.put("meta", daemonObject.metadata(String.valueOf(request.get("object")), false));
                response = withMeta;
            } else if (msg.hasFlag(MessageFlags.META_ON_CONNECT)) {
                flags = MessageFlags.META_ON_CONNECT;
                Map<String, Object> withMeta = new LinkedHashMap<>();
                withMeta.put("handshake", response);
                withMeta.put("meta", daemonObject.metadata(String.valueOf(request.get("object")), true));
                response = withMeta;
            }
            byte[] bytes = serializer.serializeData(response, protocol);
            return Reply.connected(encode(new Message(MessageType.CONNECTOK, flags, seq, serializerId, annotations, bytes)));
        } catch (RuntimeException x) {
            LOG.log(Level.DEBUG, () -> "handshake with " + peer + " failed: " + x);
            metrics.refused.increment();
            metrics.error(kind(x));
            return Reply.sendAndClose(connectFail(describe(x), serializerId, seq, annotations));
        }
    }

    /** A message that could not even be decoded: Pyro4 answers CONNECTFAIL during the handshake, else just closes. */
    Reply undecodable(PythonException error, boolean handshakeDone, String peer) {
        metrics.error(kind(error));
        if (!handshakeDone) {
            metrics.refused.increment();
        }
        LOG.log(Level.WARNING, "Pyro protocol error occurred: connection " + peer + ": " + error.getMessage());
        if (handshakeDone || error instanceof MessageTooLargeError) {
            return Reply.close();
        }
        return Reply.sendAndClose(connectFail(error.getMessage(), MarshalText.serializerId(protocol), 0, newCorrelation()));
    }

    private byte[] connectFail(String reason, int serializerId, int seq, Map<String, byte[]> annotations) {
        byte[] data = serializers.installed(protocol, serializerId)
                .map(s -> {
                    try {
                        return s.serializeData(reason, protocol);
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .orElse(null);
        if (data == null) {
            serializerId = MarshalText.serializerId(protocol);
            data = MarshalText.encode(reason);
        }
        return framing.encode(new Message(MessageType.CONNECTFAIL, 0, seq, serializerId, annotations, data));
    }

    // ---- requests

    /** A message after the handshake, PING or INVOKE, answered at once. */
    Reply request(Message msg, String peer) {
        return prepare(msg, peer).run();
    }

    /**
     * A message after the handshake, decoded and its target found, so the transport can tell whether it is
     * {@linkplain Call#quick quick}. Decoding failures and PING are answered already.
     */
    Call prepare(Message msg, String peer) {
        Map<String, byte[]> annotations = responseAnnotations(msg);
        metrics.request(protocol, msg.serializerId());
        try {
            if (msg.type() == MessageType.PING) {
                metrics.ping();
                // answered without deserializing anything, in whatever serializer id the client used
                return new Call.Answered(Reply.send(framing.encode(new Message(MessageType.PING, 0, msg.seq(),
                        msg.serializerId(), annotations, PONG))));
            }
            if (msg.type() != MessageType.INVOKE) {
                throw new io.pyrons.api.ProtocolError("invalid msg type " + msg.type() + " received");
            }
            Serializer serializer = serializers.accepted(protocol, msg.serializerId());
            Invocation call = serializer.deserializeCall(framing.decompressIfNeeded(msg, inflateLimit).data(), protocol);
            PyroObject target = lookup(call.objectId());
            return new Call.OnTarget(this, msg, peer, annotations, serializer, target, call);
        } catch (Exception x) {
            return new Call.Answered(failed(msg, x, msg.hasFlag(MessageFlags.ONEWAY), annotations, peer, null));
        } catch (StackOverflowError | NoClassDefFoundError | ExceptionInInitializerError x) {
            return new Call.Answered(failed(msg, new PyroError("error in remote call: " + x),
                    msg.hasFlag(MessageFlags.ONEWAY), annotations, peer, null));
        }
    }

    /** Makes the call and encodes its answer (or failure), as Pyro4's {@code handleRequest}. */
    Reply run(Call.OnTarget c) {
        long start = System.nanoTime();
        try {
            return runTimed(c);
        } finally {
            metrics.call(String.valueOf(c.invocation().method()), System.nanoTime() - start);
        }
    }

    private Reply runTimed(Call.OnTarget c) {
        Message msg = c.msg();
        boolean oneway = msg.hasFlag(MessageFlags.ONEWAY);
        try {
            if (msg.hasFlag(MessageFlags.BATCH)) {
                List<Object> results = batch(c.target(), c.invocation(), protocol);
                byte[] data = c.serializer().serializeData(results, protocol);
                return Reply.send(encode(new Message(MessageType.RESULT, MessageFlags.BATCH, msg.seq(),
                        msg.serializerId(), c.annotations(), data)));
            }
            if (oneway) {
                // as Pyro4's ONEWAY_THREADED: the client does not wait, so neither does its connection
                return Reply.nothingThen(() -> invokeOneway(c.target(), c.invocation(), c.peer(), protocol));
            }
            Object result = invoke(c.target(), c.invocation().method(), c.invocation().args(), c.invocation().kwargs(), protocol);
            byte[] data = c.serializer().serializeData(result, protocol);
            return Reply.send(encode(new Message(MessageType.RESULT, 0, msg.seq(), msg.serializerId(), c.annotations(), data)));
        } catch (Exception x) {
            return failed(msg, x, oneway, c.annotations(), c.peer(), c.invocation());
        } catch (StackOverflowError | NoClassDefFoundError | ExceptionInInitializerError x) {
            return failed(msg, new PyroError("error in remote call: " + x), oneway, c.annotations(), c.peer(),
                    c.invocation());
        }
    }

    /** Pyro4's {@code except} clause of {@code handleRequest}; {@code call} is null when the request did not decode. */
    private Reply failed(Message msg, Exception x, boolean oneway, Map<String, byte[]> annotations, String peer,
                         Invocation call) {
        if (x instanceof ConnectionClosedError) {
            return Reply.close();
        }
        metrics.error(kind(x));
        boolean communication = x instanceof CommunicationError || x instanceof SecurityError;
        if (communication) {
            LOG.log(Level.WARNING, "Pyro protocol error occurred: " + x.getMessage() + " (connection " + peer + ")");
        } else {
            // Pyro4 logs a failed call at DEBUG too: the client gets the error, the server is fine
            LOG.log(Level.DEBUG, () -> "Exception occurred while handling request from " + peer
                    + (call == null ? "" : " (" + call.objectId() + "." + call.method() + ")") + ": " + describe(x));
        }
        byte[] response = null;
        // a request too large once inflated is answered before the close, so the client learns why
        if (!oneway && (x instanceof SerializeError || x instanceof MessageTooLargeError || !communication)) {
            response = exceptionResponse(msg, Tracebacks.withTraceback(x), annotations);
        }
        if (communication) {
            return response == null ? Reply.close() : Reply.sendAndClose(response);
        }
        return response == null ? Reply.send(null) : Reply.send(response);
    }

    /** An error as Python prints its last line: {@code NamingError: unknown name: x}. */
    static String describe(Exception x) {
        if (x instanceof PythonException python) {
            return python.pythonName() + ": " + PythonRepr.exceptionStr(python);
        }
        return x.toString();
    }

    /** Pyro4's {@code _sendExceptionResponse}; null when the client's serializer is not installed at all. */
    private byte[] exceptionResponse(Message msg, PythonException error, Map<String, byte[]> annotations) {
        Serializer serializer = serializers.installed(protocol, msg.serializerId()).orElse(null);
        if (serializer == null) {
            LOG.log(Level.WARNING, "cannot report an error to a client: serializer " + msg.serializerId() + " is not installed");
            return null;
        }
        byte[] data;
        try {
            data = serializer.serializeData(error, protocol);
        } catch (RuntimeException e) {
            PyroError fallback = new PyroError("Error serializing exception: " + e.getMessage()
                    + ". Original exception: " + error.pythonType() + ": " + error.getMessage());
            data = serializer.serializeData(new PythonException(fallback.pythonType(), fallback.args(),
                    Map.of(Tracebacks.ATTRIBUTE, error.attributes().getOrDefault(Tracebacks.ATTRIBUTE, List.of()))), protocol);
        }
        return framing.encode(new Message(MessageType.RESULT, MessageFlags.EXCEPTION, msg.seq(), msg.serializerId(),
                annotations, data));
    }

    private PyroObject lookup(String objectId) {
        if (PyroDaemon.DAEMON_OBJECT_ID.equals(objectId)) {
            return daemonObject;
        }
        return objects.get(objectId).orElseThrow(() -> {
            LOG.log(Level.DEBUG, () -> "unknown object requested: " + objectId);
            return new DaemonError("unknown object");
        });
    }

    private static Object invoke(PyroObject target, String method, List<Object> args, Map<String, Object> kwargs,
                                 PyroProtocol protocol) throws Exception {
        if (PrivateNames.isPrivate(method) && !method.equals("__getattr__") && !method.equals("__setattr__")) {
            throw PythonException.attributeError("attempt to access private attribute '" + method + "'");
        }
        return target.invoke(method, args, kwargs, protocol);
    }

    private static void invokeOneway(PyroObject target, Invocation call, String peer, PyroProtocol protocol) {
        try {
            invoke(target, call.method(), call.args(), call.kwargs(), protocol);
        } catch (Exception | StackOverflowError e) {
            LOG.log(Level.DEBUG, () -> "oneway call " + call.method() + " from " + peer + " failed: " + e);
        }
    }

    /** FLAGS_BATCH: each (method, args, kwargs) in turn; the first failure ends the batch as an ExceptionWrapper. */
    private static List<Object> batch(PyroObject target, Invocation call, PyroProtocol protocol) {
        List<Object> results = new ArrayList<>();
        for (Object item : call.args()) {
            List<?> parts = item instanceof Object[] a ? Arrays.asList(a) : item instanceof List<?> l ? l : null;
            if (parts == null) {
                throw PythonException.typeError("cannot unpack non-iterable batch call");
            }
            if (parts.size() != 3) {
                // Pyro4 unpacks each call as "for method, vargs, kwargs in vargs": Python's own texts
                throw PythonException.valueError(parts.size() > 3 ? "too many values to unpack (expected 3)"
                        : "not enough values to unpack (expected 3, got " + parts.size() + ")");
            }
            if (!(parts.get(0) instanceof String method)) {
                throw PythonException.typeError("attribute name must be string");
            }
            List<Object> args = parts.get(1) instanceof Object[] a ? Arrays.asList(a)
                    : parts.get(1) instanceof List<?> l ? new ArrayList<>(l) : List.of();
            @SuppressWarnings("unchecked")
            Map<String, Object> kwargs = parts.get(2) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            try {
                results.add(invoke(target, method, args, kwargs, protocol));
            } catch (Exception e) {
                results.add(new ExceptionWrapper(Tracebacks.withTraceback(e)));
                break;
            }
        }
        return results;
    }

    // ---- helpers

    /** A handshake answer or result, compressed as Pyro4's COMPRESSION does when it is configured. */
    private byte[] encode(Message reply) {
        return framing.encode(compression ? MessageCodec.compressIfSmaller(reply) : reply);
    }

    /**
     * Responses carry the request's correlation id, or a fresh one, as Pyro4's and Pyro5's daemons do (Pyro5's
     * travels in the header, which {@link Pyro5Codec} maps to this same annotation).
     */
    private static Map<String, byte[]> responseAnnotations(Message msg) {
        byte[] corr = msg.annotations().get(CORRELATION);
        return corr != null && corr.length == 16 ? Map.of(CORRELATION, corr) : newCorrelation();
    }

    /**
     * A random version-4 UUID, as Pyro4's {@code uuid.uuid4()}. A correlation id only has to be unique, not secret:
     * {@code UUID.randomUUID()} would draw from the shared SecureRandom on every request.
     */
    private static Map<String, byte[]> newCorrelation() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return Map.of(CORRELATION, ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    /** An error's kind for the metrics: its Python type without the module, as Pyro4 clients see it. */
    private static String kind(Exception x) {
        String type = x instanceof PythonException p ? p.pythonType() : x.getClass().getSimpleName();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String describe(RuntimeException x) {
        return x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
    }
}
