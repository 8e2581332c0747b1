package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.Pyro5Codec;

/**
 * A Pyro daemon: serializers and objects in, a listening socket out. The DS component feeds it from the
 * service registry; tests build it with plain {@code new}. New settings apply in place where they can
 * ({@link #update}): only a new address or TLS setup needs a new socket.
 */
public final class Daemon implements PyroDaemon, AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    private final SerializerRegistry serializers;
    private final ObjectRegistry objects = new ObjectRegistry();
    private final DaemonObject daemonObject;
    private final MemoryBudget budget;
    private final ServerMetrics metrics = new ServerMetrics();
    private final BiConsumer<String, Throwable> fatal;
    private volatile DaemonSettings settings;
    private volatile NioServer server;
    private volatile DaemonLocation location;

    public Daemon(DaemonSettings settings) {
        this(settings, MemoryBudget.ofHeap(), NioServer::halt);
    }

    /** With its own memory budget for incoming messages and its own way to deal with fatal errors (tests). */
    Daemon(DaemonSettings settings, MemoryBudget budget, BiConsumer<String, Throwable> fatal) {
        this.settings = settings;
        this.budget = budget;
        this.fatal = fatal;
        this.serializers = new SerializerRegistry(settings.acceptedSerializers());
        this.daemonObject = new DaemonObject(objects, this::info);
        objects.add(DAEMON_OBJECT_ID, daemonObject);
        metrics.readFrom(this::connectionCount, this::connectionsByProtocol,
                (p, id) -> serializers.installed(p, id).map(Serializer::name).orElse(p.configName() + " id " + id));
        this.server = newServer(settings);
    }

    private NioServer newServer(DaemonSettings s) {
        return new NioServer(protocol(s), s.handshakeTimeout(), s.commTimeout(), s.workers(), budget, fatal, metrics);
    }

    private NioServer.Protocol protocol(DaemonSettings s) {
        var codec = new MessageCodec(s.hmacKey(), s.maxMessageSize(), s.maxAnnotationsSize());
        // Pyro5 has no HMAC: its compressed payloads are inflated by a codec without a key
        var inflation = new MessageCodec(null, s.maxMessageSize(), s.maxAnnotationsSize());
        int inflateLimit = (int) Math.min(Integer.MAX_VALUE - 16, budget.capacity());
        Map<PyroProtocol, RequestHandler> handlers = new EnumMap<>(PyroProtocol.class);
        for (PyroProtocol p : PyroProtocol.values()) {
            Framing framing = p == PyroProtocol.PYRO5
                    ? new Framing.Pyro5(new Pyro5Codec(s.maxMessageSize()), inflation) : new Framing.Pyro4(codec);
            handlers.put(p, new RequestHandler(framing, serializers, objects, daemonObject, s.compression(),
                    inflateLimit, s.refusal(p), metrics));
        }
        return new NioServer.Protocol(handlers);
    }

    /** What it counted since it was made, over every socket it listened on. */
    DaemonMetricsMXBean metrics() {
        return metrics;
    }

    /** Binds and starts serving. */
    public synchronized void start() throws IOException {
        DaemonSettings s = settings;
        SocketAddress address = NioServer.bindAddress(s);
        String wanted = s.unixSocket().isEmpty()
                ? (s.host().isEmpty() ? "0.0.0.0" : s.host()) + ":" + s.port()
                : "./u:" + s.unixSocket();
        TlsContexts tls = s.tls().enabled() ? TlsContexts.create(s.tls()) : null;
        SocketAddress bound = server.start(address, wanted, tls);
        location = DaemonLocation.of(s, bound);
        LOG.log(Level.INFO, "Pyro daemon listening on " + location.locationStr()
                + (location.natLocationStr() == null ? "" : " (NAT " + location.natLocationStr() + ")")
                + ", serializers accepted: " + s.acceptedSerializers() + ", protocols accepted: " + s.acceptedProtocols()
                + (s.tls().enabled() ? ", using SSL " + s.tls() : ""));
    }

    /**
     * Applies new settings. Serializers, limits, timeouts, compression, HMAC key, workers and NAT apply to the
     * requests read from now on, and every connection stays open. A new host, port, Unix socket or TLS setup
     * needs a new socket: the daemon closes the old one (and its connections) and listens anew. Returns whether it
     * did; an IOException means the new socket could not be bound and the daemon listens nowhere now.
     */
    public synchronized boolean update(DaemonSettings next) throws IOException {
        DaemonSettings previous = settings;
        settings = next;
        serializers.accept(next.acceptedSerializers());
        if (location != null && listensAsWanted(previous, next, server.boundAddress())) {
            server.reconfigure(protocol(next), next.handshakeTimeout(), next.commTimeout(), next.workers());
            location = DaemonLocation.of(next, server.boundAddress());
            LOG.log(Level.INFO, "Pyro daemon on " + location.locationStr() + " reconfigured, connections kept: " + next);
            return false;
        }
        server.close();
        location = null;
        server = newServer(next);
        start();
        return true;
    }

    /**
     * Whether the socket bound for {@code previous} serves {@code next} as well: same host, Unix socket and TLS,
     * and a port that is the same, the one port 0 got, or 0 (any).
     */
    private static boolean listensAsWanted(DaemonSettings previous, DaemonSettings next, SocketAddress bound) {
        boolean samePort = next.port() == previous.port() || next.port() == 0
                || bound instanceof InetSocketAddress inet && inet.getPort() == next.port();
        return previous.host().equals(next.host()) && samePort && previous.unixSocket().equals(next.unixSocket())
                && previous.tls().equals(next.tls());
    }

    public void addSerializer(Serializer serializer) {
        serializers.add(serializer);
    }

    public void removeSerializer(Serializer serializer) {
        serializers.remove(serializer);
    }

    /** Serves {@code service} under {@code id}: directly if it is a PyroObject, else its @Expose methods. */
    public void addObject(String id, Object service) {
        if (!objects.add(id, service)) {
            LOG.log(Level.WARNING, "object id " + id + " is already served; " + service.getClass().getName()
                    + " waits until the other one is gone");
        }
    }

    public void removeObject(String id, Object service) {
        objects.remove(id, service);
    }

    /** Pyro4's {@code DaemonObject.info()}. */
    String info() {
        DaemonLocation loc = location;
        return "%s bound on %s, NAT %s, %d objects registered. Servertype: <%s on %s; %d workers>".formatted(
                DAEMON_OBJECT_ID, loc.locationStr(), loc.natLocationStr() == null ? "None" : loc.natLocationStr(),
                objects.ids().size(), NioServer.class.getSimpleName(), loc.locationStr(), server.workerCount());
    }

    @Override
    public int connectionCount() {
        return server.connectionCount();
    }

    @Override
    public Map<PyroProtocol, Integer> connectionsByProtocol() {
        return server.connectionsByProtocol();
    }

    @Override
    public Map<PyroProtocol, Long> requestsByProtocol() {
        return metrics.requestsByProtocol();
    }

    @Override
    public Set<String> acceptedSerializers() {
        return Set.copyOf(settings.acceptedSerializers());
    }

    @Override
    public PyroURI uriFor(String objectId) {
        return requireStarted().uri(objectId);
    }

    @Override
    public PyroURI internalUriFor(String objectId) {
        return requireStarted().internalUri(objectId);
    }

    @Override
    public String location() {
        return requireStarted().locationStr();
    }

    @Override
    public SocketAddress boundAddress() {
        requireStarted();
        return server.boundAddress();
    }

    @Override
    public Set<String> objectIds() {
        return new LinkedHashSet<>(objects.ids());
    }

    private DaemonLocation requireStarted() {
        DaemonLocation loc = location;
        if (loc == null) {
            throw new IllegalStateException("the daemon is not listening");
        }
        return loc;
    }

    @Override
    public synchronized void close() {
        server.close();
        if (location != null) {
            LOG.log(Level.INFO, "Pyro daemon on " + location.locationStr() + " closed");
        }
    }
}
