package io.pyrons.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.MessageCodec;

/**
 * A Pyro daemon: serializers and objects in, a listening socket out. The DS component feeds it from the
 * service registry; tests build it with plain {@code new}.
 */
public final class Daemon implements PyroDaemon, AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.server");

    private final DaemonSettings settings;
    private final SerializerRegistry serializers;
    private final ObjectRegistry objects = new ObjectRegistry();
    private final NioServer server;
    private volatile DaemonLocation location;

    public Daemon(DaemonSettings settings) {
        this.settings = settings;
        this.serializers = new SerializerRegistry(settings.acceptedSerializers());
        var codec = new MessageCodec(settings.hmacKey(), settings.maxMessageSize(), settings.maxAnnotationsSize());
        var daemonObject = new DaemonObject(objects, this::info);
        objects.add(DAEMON_OBJECT_ID, daemonObject);
        var handler = new RequestHandler(codec, serializers, objects, daemonObject, settings.compression());
        this.server = new NioServer(codec, handler, settings.handshakeTimeout(), settings.commTimeout(), settings.workers());
    }

    /** Binds and starts serving. */
    public void start() throws IOException {
        SocketAddress address = NioServer.bindAddress(settings);
        String wanted = settings.unixSocket().isEmpty()
                ? (settings.host().isEmpty() ? "0.0.0.0" : settings.host()) + ":" + settings.port()
                : "./u:" + settings.unixSocket();
        TlsContexts tls = settings.tls().enabled() ? TlsContexts.create(settings.tls()) : null;
        SocketAddress bound = server.start(address, wanted, tls);
        location = DaemonLocation.of(settings, bound);
        LOG.log(Level.INFO, "Pyro daemon listening on " + location.locationStr()
                + (location.natLocationStr() == null ? "" : " (NAT " + location.natLocationStr() + ")")
                + ", serializers accepted: " + settings.acceptedSerializers()
                + (settings.tls().enabled() ? ", using SSL " + settings.tls() : ""));
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
    public Set<String> acceptedSerializers() {
        return Set.copyOf(settings.acceptedSerializers());
    }

    @Override
    public PyroURI uriFor(String objectId) {
        requireStarted();
        return location.uri(objectId);
    }

    @Override
    public PyroURI internalUriFor(String objectId) {
        requireStarted();
        return location.internalUri(objectId);
    }

    @Override
    public String location() {
        requireStarted();
        return location.locationStr();
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

    private void requireStarted() {
        if (location == null) {
            throw new IllegalStateException("the daemon is not listening");
        }
    }

    @Override
    public void close() {
        server.close();
        if (location != null) {
            LOG.log(Level.INFO, "Pyro daemon on " + location.locationStr() + " closed");
        }
    }
}
