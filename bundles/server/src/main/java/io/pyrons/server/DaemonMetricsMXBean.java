package io.pyrons.server;

import java.util.Map;

/**
 * The daemon's figures over JMX, as {@code io.pyrons:type=Daemon}: counts since the daemon started (they survive a
 * reconfiguration or rebind), latency percentiles of the calls in microseconds. The maps become tables of
 * key/value rows, which jconsole shows and JMX exporters turn into labels.
 */
public interface DaemonMetricsMXBean {
    /** Connections open now. */
    int getConnectionsOpen();

    long getConnectionsAccepted();

    /** Connections turned away at the handshake: serializer or protocol not accepted, wrong HMAC key, a bad first message. */
    long getConnectionsRefused();

    /** Connections closed for a missing handshake or for idling past {@code comm.timeout}. */
    long getConnectionsClosedByTimeout();

    /** Messages after the handshake: calls, batches, oneway calls and pings. */
    long getRequests();

    /** Calls per method name (pings as {@code (ping)}; past 256 names the rest as {@code (other)}). */
    Map<String, Long> getRequestsByMethod();

    /** Requests per serializer name (named with each protocol's own ids: Pyro5's json is 3, Pyro4's 2). */
    Map<String, Long> getRequestsBySerializer();

    /** Requests per protocol, by its configuration name: {@code pyro4}, {@code pyro5}. */
    Map<String, Long> getRequestsByProtocol();

    /** Connections open now per protocol ({@code pyro4}, {@code pyro5}), known from their first message. */
    Map<String, Integer> getConnectionsOpenByProtocol();

    /** Failures answered or refused, by Python exception type (e.g. {@code NamingError}). */
    Map<String, Long> getErrorsByKind();

    long getLatencyCount();

    double getLatencyMeanMicros();

    double getLatencyP50Micros();

    double getLatencyP90Micros();

    double getLatencyP99Micros();

    double getLatencyP999Micros();

    double getLatencyMaxMicros();

    long getBytesIn();

    long getBytesOut();
}
