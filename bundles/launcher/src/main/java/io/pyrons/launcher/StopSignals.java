package io.pyrons.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM become an orderly stop of the framework before the JVM exits. The JVM's own handlers
 * would run the shutdown hooks at once, and the bnd launcher's hook deletes the framework storage, under bundles
 * that are still starting or stopping (Felix logs errors for each); it has no hook that stops the framework. So
 * these handlers first let the start finish (at most a bound: the name server is announced before the console has
 * started, and a stop comes easily right after the URI line), then hand the exit status, 128 + the signal number,
 * to the stop action, which stops the framework and ends the process.
 */
final class StopSignals {
    static final List<String> SIGNALS = List.of("INT", "TERM");
    /** With the interactive console, Ctrl-C interrupts the console's command (JLine handles it), never the server. */
    static final List<String> CONSOLE_SIGNALS = List.of("TERM");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals() {
    }

    /**
     * Installs the handlers; a signal waits until {@code started} holds or {@code timeoutMillis} have passed, then
     * calls {@code stop} with the exit status. Where the JVM does not let us handle a signal (-Xrs, or a platform
     * without it), its own handling stays.
     */
    static StopSignals install(List<String> names, BooleanSupplier started, long timeoutMillis, IntConsumer stop) {
        StopSignals signals = new StopSignals();
        SignalHandler handler = signal -> {
            awaitStarted(started, timeoutMillis);
            stop.accept(128 + signal.getNumber());
        };
        for (String name : names) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException e) {
                // not available here: the JVM's default handling stays
            }
        }
        return signals;
    }

    /** Gives the signals back to the handlers they had before {@link #install}. */
    void uninstall() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                // the JVM is shutting down or took the signal back: nothing to restore
            }
        });
        previous.clear();
    }

    static void awaitStarted(BooleanSupplier started, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (!started.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
