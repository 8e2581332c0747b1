package io.pyrons.broadcast;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroURI;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.status.PartStatus;
import io.pyrons.api.status.PartStatusRegistration;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Pyro4's {@code BroadcastServer}: answers the datagram {@code GET_NSURI} with the name server's internal URI,
 * replacing an all-interfaces host by the address of the interface that faces the asking client. Other
 * datagrams are ignored. As in Pyro4 it does not run when the daemon is bound to loopback, to IPv6 or to a
 * Unix socket, or when disabled ({@code pyro-ns -x}).
 *
 * <p>Its {@link PartStatus} ({@value PartStatus#BROADCAST}) says which: up with the location it answers on (from
 * which the launcher prints {@code Broadcast server running on ...}), off with the reason it does not run, or
 * unavailable when its socket cannot be bound (e.g. a {@code bchost} that is no address of this machine).
 */
@Component(immediate = true, configurationPid = BroadcastResponder.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = BroadcastConfig.class)
public final class BroadcastResponder {
    static final String PID = "io.pyrons.broadcast";

    private static final System.Logger LOG = System.getLogger("io.pyrons.broadcast");
    private static final byte[] REQUEST = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
    /** Pyro4 reads at most 100 bytes of a request datagram. */
    private static final int MAX_REQUEST = 100;

    private final PyroDaemon daemon;
    private final DatagramChannel channel;
    private final String location;
    private final Thread thread;
    private final PartStatusRegistration status;

    @Activate
    public BroadcastResponder(@Reference PyroDaemon daemon, BroadcastConfig config, BundleContext context) {
        this.daemon = daemon;
        Optional<String> reason = reasonNotToRun(daemon.boundAddress(), config.enabled());
        if (reason.isPresent()) {
            LOG.log(Level.INFO, "Not starting broadcast responder: {0}", reason.get());
            channel = null;
            location = null;
            thread = null;
            status = PartStatusRegistration.register(context, PartStatus.BROADCAST, PartStatus.State.OFF,
                    reason.get(), null);
            return;
        }
        DatagramChannel opened;
        String where;
        try {
            opened = open(config.bchost(), config.bcport());
            InetSocketAddress bound = (InetSocketAddress) opened.getLocalAddress();
            String host = config.bchost().isEmpty() ? bound.getAddress().getHostAddress() : config.bchost();
            where = host.contains(":") ? "[" + host + "]:" + bound.getPort() : host + ":" + bound.getPort();
        } catch (IOException e) {
            LOG.log(Level.INFO, "Not starting broadcast responder: {0}", e.getMessage()); // the status says it
            channel = null;
            location = null;
            thread = null;
            status = PartStatusRegistration.register(context, PartStatus.BROADCAST, PartStatus.State.UNAVAILABLE,
                    e.getMessage(), null);
            return;
        }
        channel = opened;
        location = where;
        thread = new Thread(this::serve, "pyrons-broadcast " + location);
        thread.setDaemon(true);
        thread.start();
        LOG.log(Level.INFO, "Broadcast server running on {0}", location);
        status = PartStatusRegistration.register(context, PartStatus.BROADCAST, PartStatus.State.UP, "", location);
    }

    /** Why Pyro4 would not start a broadcast server for a daemon bound there, if it would not. */
    static Optional<String> reasonNotToRun(SocketAddress bound, boolean enabled) {
        if (!enabled) {
            return Optional.of("disabled by configuration");
        }
        if (!(bound instanceof InetSocketAddress inet)) {
            return Optional.of("the name server listens on a Unix domain socket");
        }
        InetAddress address = inet.getAddress();
        if (!(address instanceof Inet4Address)) {
            return Optional.of("the name server uses IPv6, which has no broadcast");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("the name server is bound to localhost");
        }
        return Optional.empty();
    }

    /** The bound channel; an IOException whose message is one line naming the address. */
    private static DatagramChannel open(String bchost, int bcport) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            InetSocketAddress address = bchost.isEmpty() ? new InetSocketAddress(bcport) : new InetSocketAddress(bchost, bcport);
            if (address.isUnresolved()) {
                throw new IOException("unknown host");
            }
            ch.bind(address);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new IOException("cannot bind the broadcast responder on " + (bchost.isEmpty() ? "0.0.0.0" : bchost)
                    + ":" + bcport + ": " + e.getMessage(), e);
        }
    }

    /** Where it listens ({@code host:port}), or {@code null} when it does not run. */
    public String location() {
        return location;
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress sender = channel.receive(in);
                in.flip();
                if (sender instanceof InetSocketAddress client && isRequest(in)) {
                    channel.send(ByteBuffer.wrap(answerFor(client).getBytes(StandardCharsets.ISO_8859_1)), client);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // One bad exchange (unreachable sender, daemon gone) must not stop the responder.
                LOG.log(Level.DEBUG, "broadcast request failed: {0}", e.toString());
            }
        }
    }

    private static boolean isRequest(ByteBuffer datagram) {
        if (datagram.remaining() != REQUEST.length) {
            return false;
        }
        byte[] data = new byte[REQUEST.length];
        datagram.get(data);
        return Arrays.equals(data, REQUEST);
    }

    /** The name server's internal URI, with an all-interfaces host replaced by the one that faces the client. */
    String answerFor(InetSocketAddress client) throws IOException {
        PyroURI uri = daemon.internalUriFor(NameServer.OBJECT_ID);
        if ("0.0.0.0".equals(uri.host())) {
            uri = uri.withHostPort(interfaceFacing(client.getAddress()), uri.port());
        }
        return uri.asString();
    }

    /** Pyro4's {@code getInterfaceAddress}: the local address a datagram to the client would leave from. */
    private static String interfaceFacing(InetAddress client) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(new InetSocketAddress(client, 53));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress().getHostAddress();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the broadcast socket: {0}", e.toString());
            }
            thread.join(2000);
        }
        status.unregister();
    }
}
