package io.pyrons.naming;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.expose.PyroDaemon;

/** A daemon that is never started: it only knows where it would listen. */
class FakeDaemon implements PyroDaemon {
    static final String HOST = "127.0.0.1";
    static final int PORT = 9090;

    @Override
    public PyroURI uriFor(String objectId) {
        return PyroURI.pyro(objectId, HOST, PORT);
    }

    @Override
    public PyroURI internalUriFor(String objectId) {
        return uriFor(objectId);
    }

    @Override
    public String location() {
        return HOST + ":" + PORT;
    }

    @Override
    public SocketAddress boundAddress() {
        return new InetSocketAddress(HOST, PORT);
    }

    @Override
    public Set<String> acceptedSerializers() {
        return Set.of("serpent", "json", "marshal");
    }

    @Override
    public int connectionCount() {
        return 0;
    }

    @Override
    public Set<String> objectIds() {
        return Set.of(PyroDaemon.DAEMON_OBJECT_ID, "Pyro.NameServer");
    }
}
