package io.pyrons.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import io.pyrons.api.CommunicationError;
import io.pyrons.api.ProtocolError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.serializer.ExceptionWrapper;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageHeader;
import io.pyrons.protocol.MessageType;
import io.pyrons.protocol.Pyro5Codec;
import io.pyrons.protocol.Pyro5Header;
import io.pyrons.protocol.values.PythonRepr;

/**
 * A proxy for one remote Pyro object, as Pyro4's {@code Pyro4.core.Proxy}: it connects on first use
 * (resolving {@code PYRONAME:}/{@code PYROMETA:} through the name server first), performs Pyro4's handshake
 * with the object's metadata piggybacked, and then carries calls over one connection, one call at a time
 * (thread-safe: concurrent callers wait for each other). Remote exceptions are thrown as
 * {@link PythonException} (Pyro4's own errors as their Java subclasses); a communication error closes the
 * connection, and the next call reconnects.
 *
 * <p>With {@link ClientConfig#protocol()} {@link PyroProtocol#PYRO5} it is a Pyro5 proxy ({@code Pyro5.client.Proxy}):
 * protocol 502 framed by {@link Pyro5Codec}, Pyro5's serializer ids and class names, no HMAC, and the object's
 * metadata always in the CONNECTOK answer.
 */
public final class PyroProxy implements AutoCloseable {
    /** Pyro4's {@code Pyro4.core} client lines: connects, refusals and releases, at DEBUG. */
    private static final Logger LOG = System.getLogger("io.pyrons.client");

    private static final String HANDSHAKE = "hello";

    private final ClientConfig config;
    private final Serializers serializers;
    private final PyroProtocol protocol;
    /** Pyro4's framing; for Pyro5 too the zlib decompression, whose flag both protocols share. */
    private final MessageCodec codec;
    /** Pyro5's framing, or null for a Pyro4 proxy. */
    private final Pyro5Codec pyro5Codec;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile PyroURI uri;
    private Connection connection;
    private String connectedObjectId;
    private int seq;
    private volatile Set<String> methods = Set.of();
    private volatile Set<String> onewayMethods = Set.of();
    private volatile Set<String> attributes = Set.of();

    /** A proxy for {@code uri}; nothing happens on the network until the first call or {@link #bind()}. */
    public PyroProxy(PyroURI uri, ClientConfig config, Serializers serializers) {
        this.uri = java.util.Objects.requireNonNull(uri, "uri");
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.serializers = java.util.Objects.requireNonNull(serializers, "serializers");
        this.protocol = config.protocol();
        if (protocol == PyroProtocol.PYRO5 && config.hmacKeyBytes() != null) {
            throw new PyroError("Pyro5 has no HMAC key: a Pyro5 proxy cannot use one");
        }
        this.codec = new MessageCodec(config.hmacKeyBytes(), 0, MessageCodec.MAX_ANNOTATIONS_SIZE);
        this.pyro5Codec = protocol == PyroProtocol.PYRO5 ? new Pyro5Codec(0) : null;
        serializer(); // as Pyro4: a proxy with an unavailable serializer is refused at once
    }

    /** A proxy for a URI string (PYRONAME/PYROMETA without port use the configured NS port). */
    public PyroProxy(String uri, ClientConfig config, Serializers serializers) {
        this(PyroURI.parse(uri, config.nsPort()), config, serializers);
    }

    /** The URI this proxy is for: after {@link #bind()} the resolved {@code PYRO:} URI. */
    public PyroURI uri() {
        return uri;
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Pyro4's {@code _pyroBind}: connects now and replaces a PYRONAME/PYROMETA URI by the object's PYRO URI.
     * Returns false if the proxy was connected already.
     */
    public boolean bind() {
        lock.lock();
        try {
            return connect(true);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a connection is open. */
    public boolean isConnected() {
        lock.lock();
        try {
            return connection != null;
        } finally {
            lock.unlock();
        }
    }

    /** The remote object's exposed methods (connecting first if needed). */
    public Set<String> methods() {
        ensureMetadata();
        return methods;
    }

    /** The remote object's oneway methods (connecting first if needed). */
    public Set<String> onewayMethods() {
        ensureMetadata();
        return onewayMethods;
    }

    /** The remote object's exposed attributes (connecting first if needed). */
    public Set<String> attributes() {
        ensureMetadata();
        return attributes;
    }

    /**
     * Calls {@code method} with positional and keyword arguments (values of the serializer value model) and
     * returns the result; a oneway method returns {@code null} at once. A result that is a remote iterator
     * (Pyro4's item streaming) comes back as a {@link java.util.Iterator}.
     */
    public Object invoke(String method, List<?> args, Map<String, ?> kwargs) {
        ensureMetadata();
        if (!methods.contains(method)) {
            throw PythonException.attributeError(
                    "remote object '%s' has no exposed attribute or method '%s'".formatted(uri.asString(), method));
        }
        return call(null, method, args, kwargs, 0);
    }

    /** {@link #invoke(String, List, Map)} with positional arguments only. */
    public Object invoke(String method, Object... args) {
        return invoke(method, java.util.Arrays.asList(args), Map.of());
    }

    /** Reads an exposed remote attribute (Pyro4's {@code __getattr__} call). */
    public Object getAttribute(String name) {
        ensureMetadata();
        if (!attributes.contains(name)) {
            throw PythonException.attributeError(
                    "remote object '%s' has no exposed attribute or method '%s'".formatted(uri.asString(), name));
        }
        return call(null, "__getattr__", List.of(name), Map.of(), 0);
    }

    /** Writes an exposed remote attribute (Pyro4's {@code __setattr__} call). */
    public void setAttribute(String name, Object value) {
        ensureMetadata();
        if (!attributes.contains(name)) {
            throw PythonException.attributeError(
                    "remote object '%s' has no exposed attribute '%s'".formatted(uri.asString(), name));
        }
        call(null, "__setattr__", java.util.Arrays.asList(name, value), Map.of(), 0);
    }

    /**
     * Pyro4's batch call: all calls in one message, results in order. As in Pyro4 the server stops at the
     * first call that fails; that call's entry is an {@link ExceptionWrapper} (use {@link #raiseIfFailed}).
     */
    public List<Object> batch(List<RemoteCall> calls) {
        Object result = call(null, "<batch>", batchArgs(calls), Map.of(), MessageFlags.BATCH);
        if (result instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (result instanceof Object[] tuple) {
            return new ArrayList<>(java.util.Arrays.asList(tuple));
        }
        throw new ProtocolError("batch result is not a sequence");
    }

    /** A batch whose results are not wanted: sent oneway, returns at once. */
    public void batchOneway(List<RemoteCall> calls) {
        call(null, "<batch>", batchArgs(calls), Map.of(), MessageFlags.BATCH | MessageFlags.ONEWAY);
    }

    /** Throws the exception of a failed batch entry; returns the other results unchanged. */
    public static Object raiseIfFailed(Object batchResult) {
        if (batchResult instanceof ExceptionWrapper w) {
            throw w.exception();
        }
        return batchResult;
    }

    /** Calls a method of the daemon's own object ({@value PyroDaemon#DAEMON_OBJECT_ID}) over this proxy's connection. */
    public Object invokeDaemon(String method, List<?> args, Map<String, ?> kwargs) {
        return call(PyroDaemon.DAEMON_OBJECT_ID, method, args, kwargs, 0);
    }

    /** {@code Pyro.Daemon.ping()}. */
    public void daemonPing() {
        invokeDaemon("ping", List.of(), Map.of());
    }

    /** {@code Pyro.Daemon.info()}: a descriptive text about the daemon. */
    public String daemonInfo() {
        return String.valueOf(invokeDaemon("info", List.of(), Map.of()));
    }

    /** {@code Pyro.Daemon.registered()}: the object ids the daemon serves. */
    public List<String> daemonRegistered() {
        List<String> ids = new ArrayList<>();
        for (Object id : elements(invokeDaemon("registered", List.of(), Map.of()))) {
            ids.add(String.valueOf(id));
        }
        return ids;
    }

    /** {@code Pyro.Daemon.get_metadata(objectId)}: methods, oneway and attrs of an object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> daemonMetadata(String objectId) {
        Object result = invokeDaemon("get_metadata", List.of(objectId), Map.of());
        if (!(result instanceof Map<?, ?> map)) {
            throw new ProtocolError("metadata is not a dict");
        }
        return (Map<String, Object>) map;
    }

    /** Closes the connection (Pyro4's {@code _pyroRelease}); a later call connects again. */
    @Override
    public void close() {
        lock.lock();
        try {
            release();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PyroProxy[" + uri.asString() + (isConnected() ? ", connected" : "") + "]";
    }

    // ---- calls

    /** One request/response exchange; the lock keeps sequence numbers and replies in order. */
    Object call(String objectId, String method, List<?> args, Map<String, ?> kwargs, int flags) {
        lock.lock();
        try {
            if (connection == null) {
                connect(false);
            }
            Serializer serializer = serializer();
            String target = objectId != null ? objectId : connectedObjectId;
            int serializerId = serializer.id(protocol).getAsInt();
            byte[] data = serializer.serializeCall(new Invocation(target, method, new ArrayList<>(args),
                    new LinkedHashMap<>(kwargs)), protocol);
            if (onewayMethods.contains(method)) {
                flags |= MessageFlags.ONEWAY;
            }
            seq = (seq + 1) & 0xffff;
            Message request = new Message(MessageType.INVOKE, flags, seq, serializerId, data);
            try {
                connection.send(encode(request));
                if ((flags & MessageFlags.ONEWAY) != 0) {
                    return null;
                }
                Message response = receive(MessageType.RESULT);
                if (response.seq() != seq) {
                    throw new ProtocolError("invoke: reply sequence out of sync, got %d expected %d".formatted(response.seq(), seq));
                }
                if (response.serializerId() != serializerId) {
                    throw new SerializeError("invalid serializer in response: %d".formatted(response.serializerId()));
                }
                Object value = serializer.deserializeData(codec.decompressIfNeeded(response).data(), protocol);
                if (response.hasFlag(protocol == PyroProtocol.PYRO5
                        ? Pyro5Codec.FLAG_ITEMSTREAMRESULT : MessageFlags.ITEMSTREAMRESULT)) {
                    byte[] streamId = response.annotations().get("STRM");
                    if (streamId == null || streamId.length == 0) {
                        throw new ProtocolError("result of call is an iterator, but the server is not configured to allow streaming");
                    }
                    return new RemoteStream(this, new String(streamId, StandardCharsets.UTF_8));
                }
                if (response.hasFlag(MessageFlags.EXCEPTION)) {
                    throw asException(value);
                }
                return value;
            } catch (CommunicationError e) {
                // a half-read reply would be taken for the answer to the next call: start afresh
                release();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current sequence number, for streams that must notice interleaved calls. */
    int sequence() {
        lock.lock();
        try {
            return seq;
        } finally {
            lock.unlock();
        }
    }

    private static PythonException asException(Object value) {
        if (value instanceof PythonException e) {
            return e;
        }
        return new PythonException("builtins.Exception", List.of(String.valueOf(PythonRepr.str(value))), Map.of());
    }

    private static List<Object> batchArgs(List<RemoteCall> calls) {
        List<Object> args = new ArrayList<>(calls.size());
        for (RemoteCall c : calls) {
            args.add(new Object[] {c.method(), c.args().toArray(), new LinkedHashMap<>(c.kwargs())});
        }
        return args;
    }

    /** The configured serializer, which must have an id in this proxy's protocol (msgpack is Pyro5's only). */
    private Serializer serializer() {
        Serializer serializer = serializers.byName(config.serializer()).orElseThrow(
                () -> new SerializeError("serializer '%s' is unknown or not available".formatted(config.serializer())));
        if (serializer.id(protocol).isEmpty()) {
            throw new SerializeError("serializer '%s' is not available in %s's protocol (%d)"
                    .formatted(config.serializer(), protocol.module(), protocol.version()));
        }
        return serializer;
    }

    /** The serializer of an answer's id in this proxy's protocol (a refusal may come in another than the proxy's). */
    private Serializer answerSerializer(int id) {
        return serializers.byId(id, protocol).orElseThrow(
                () -> new SerializeError("no serializer available for id %d".formatted(id)));
    }

    private byte[] encode(Message message) {
        return pyro5Codec != null ? pyro5Codec.encode(message) : codec.encode(message);
    }

    // ---- connection

    private void ensureMetadata() {
        lock.lock();
        try {
            if (connection == null) {
                connect(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Connects and shakes hands unless connected; must hold the lock. */
    private boolean connect(boolean replaceUri) {
        if (connection != null) {
            return false;
        }
        PyroURI target = "PYRO".equals(uri.protocol()) ? uri : new NameServerLocator(config, serializers).resolve(uri);
        String location = target.sockname() != null ? target.sockname()
                : PythonRepr.repr(new Object[] {target.host(), (long) target.port()});
        Serializer serializer = serializer();
        Connection conn = null;
        Message response;
        LOG.log(Level.DEBUG, () -> "connecting to " + target.asString());
        try {
            conn = Connection.open(address(target), config.commTimeout());
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("handshake", HANDSHAKE);
            hello.put("object", target.object());
            // Pyro5 always answers with the metadata, and has no META_ON_CONNECT flag (its bit is ITEMSTREAMRESULT)
            int flags = protocol == PyroProtocol.PYRO4 ? MessageFlags.META_ON_CONNECT : 0;
            Message request = new Message(MessageType.CONNECT, flags, seq, serializer.id(protocol).getAsInt(),
                    serializer.serializeData(hello, protocol));
            conn.send(encode(request));
            response = receive(conn, MessageType.CONNECTOK, MessageType.CONNECTFAIL);
        } catch (CommunicationError e) {
            closeQuietly(conn);
            LOG.log(Level.DEBUG, () -> "cannot connect to " + target.asString() + ": " + e.getMessage());
            throw e;
        } catch (IOException | UnresolvedAddressException | PythonException e) {
            closeQuietly(conn);
            String reason = e instanceof UnresolvedAddressException ? "Name or service not known"
                    : e instanceof PythonException p ? PythonRepr.exceptionStr(p) : e.getMessage();
            CommunicationError error = new CommunicationError("cannot connect to %s: %s".formatted(location, reason));
            error.initCause(e);
            LOG.log(Level.DEBUG, () -> error.getMessage() + " (" + target.asString() + ")");
            throw error;
        }
        Object handshake = "?";
        try {
            if (response.data().length > 0) {
                Serializer answer = answerSerializer(response.serializerId());
                handshake = answer.deserializeData(codec.decompressIfNeeded(response).data(), protocol);
            }
            if (response.type() == MessageType.CONNECTFAIL) {
                throw new CommunicationError("connection to %s rejected: %s".formatted(location, PythonRepr.str(handshake)));
            }
            if (protocol == PyroProtocol.PYRO5 || response.hasFlag(MessageFlags.META_ON_CONNECT)) {
                if (!(handshake instanceof Map<?, ?> answer)) {
                    throw new ProtocolError("handshake response without metadata");
                }
                processMetadata(answer.get("meta"));
            }
        } catch (RuntimeException e) {
            closeQuietly(conn);
            LOG.log(Level.DEBUG, () -> "connection to " + target.asString() + " failed: " + e);
            throw e;
        }
        connection = conn;
        LOG.log(Level.DEBUG, () -> "connected to " + target.asString());
        connectedObjectId = target.object();
        if (replaceUri) {
            uri = target;
        }
        if (methods.isEmpty() && attributes.isEmpty()) {
            try {
                processMetadata(invokeDaemon("get_metadata", List.of(target.object()), Map.of()));
            } catch (RuntimeException e) {
                release();
                throw e;
            }
        }
        return true;
    }

    private static SocketAddress address(PyroURI target) {
        if (target.sockname() != null) {
            return UnixDomainSocketAddress.of(target.sockname());
        }
        return new InetSocketAddress(target.host(), target.port());
    }

    private void processMetadata(Object meta) {
        if (meta == null || meta instanceof Map<?, ?> m && m.isEmpty()) {
            return;
        }
        if (!(meta instanceof Map<?, ?> map)) {
            throw new ProtocolError("metadata is not a dict");
        }
        Set<String> newMethods = strings(map.get("methods"));
        Set<String> newAttributes = strings(map.get("attrs"));
        onewayMethods = strings(map.get("oneway"));
        methods = newMethods;
        attributes = newAttributes;
        if (newMethods.isEmpty() && newAttributes.isEmpty()) {
            throw new PyroError("remote object doesn't expose any methods or attributes. Did you forget setting @expose on them?");
        }
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new LinkedHashSet<>();
        for (Object o : elements(value)) {
            result.add(String.valueOf(o));
        }
        return Set.copyOf(result);
    }

    private static List<Object> elements(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Object[] tuple) {
            return java.util.Arrays.asList(tuple);
        }
        throw new ProtocolError("expected a sequence, got " + PythonRepr.repr(value));
    }

    private Message receive(int... types) {
        return receive(connection, types);
    }

    /**
     * Pyro4's {@code Message.recv}: header, type check, then annotations and data with the HMAC check; for Pyro5
     * {@code Pyro5.protocol.recv_stub}, the same without HMAC.
     */
    private Message receive(Connection conn, int... types) {
        if (pyro5Codec != null) {
            Pyro5Header header = pyro5Codec.decodeHeader(conn.receive(Pyro5Header.SIZE));
            checkType(header.type(), types);
            return pyro5Codec.decodeBody(header, conn.receive(bodySize(header.bodyLength())));
        }
        ByteBuffer head = conn.receive(MessageHeader.SIZE);
        MessageHeader header = codec.decodeHeader(head);
        checkType(header.type(), types);
        ByteBuffer body = conn.receive(bodySize(header.bodyLength()));
        return codec.decodeBody(header, body);
    }

    private static void checkType(int type, int... types) {
        boolean expected = false;
        for (int t : types) {
            expected |= t == type;
        }
        if (!expected) {
            throw new ProtocolError("invalid msg type %d received".formatted(type));
        }
    }

    private static int bodySize(long bodyLength) {
        if (bodyLength > Integer.MAX_VALUE - 8) {
            throw new io.pyrons.api.MessageTooLargeError("message too large for this client: " + bodyLength);
        }
        return (int) bodyLength;
    }

    private void release() {
        if (connection != null) {
            connection.close();
            connection = null;
            LOG.log(Level.DEBUG, "connection released");
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            conn.close();
        }
    }
}
