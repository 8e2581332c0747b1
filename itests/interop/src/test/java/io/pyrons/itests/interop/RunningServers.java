package io.pyrons.itests.interop;

import java.util.EnumMap;
import java.util.Map;

/**
 * One name server process per kind, started on first use and shared by the tests of one class.
 * A server that failed to start is not retried: every later test gets the same failure at once
 * instead of waiting for the startup timeout again.
 */
final class RunningServers implements AutoCloseable {

    private final Map<ServerKind, NameServerProcess> servers = new EnumMap<>(ServerKind.class);
    private final Map<ServerKind, AssertionError> startupFailures = new EnumMap<>(ServerKind.class);

    synchronized NameServerProcess get(ServerKind kind) {
        AssertionError failure = startupFailures.get(kind);
        if (failure != null) {
            throw new AssertionError("(earlier startup failure) " + failure.getMessage(), failure);
        }
        NameServerProcess server = servers.get(kind);
        if (server != null && !server.isAlive()) {
            throw new AssertionError(kind + " died during the tests\n" + server.output());
        }
        if (server == null) {
            try {
                server = NameServerProcess.start(kind);
            } catch (AssertionError e) {
                startupFailures.put(kind, e);
                throw e;
            }
            servers.put(kind, server);
        }
        return server;
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(NameServerProcess::close);
        servers.clear();
    }
}
