package io.pyrons.naming;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.PyroDaemon;

/**
 * Pyro4's {@code AutoCleaner} (NS_AUTOCLEAN): every {@code interval} each registration's server is probed with a
 * plain connect, and a name whose server stayed unreachable for {@value #MAX_UNREACHABLE_SECONDS} seconds is
 * removed. The probes run in parallel on a small bounded pool, outside every name server lock, so name server
 * calls never wait for a check; a name is removed only if it still points at the URI that failed (a server that
 * re-registered meanwhile keeps its fresh entry).
 */
final class AutoCleaner implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.naming");
    /** Pyro4's AutoCleaner.max_unreachable_time. */
    static final int MAX_UNREACHABLE_SECONDS = 20;
    private static final int PROBE_THREADS = 8;

    private final StoredNameServer nameServer;
    private final Reachability reachability;
    private final Duration probeTimeout;
    private final long maxUnreachableNanos;
    private final LongSupplier nanoTime;
    /** name -> (uri, first failure); touched by the one checking thread only. */
    private final Map<String, Unreachable> unreachable = new HashMap<>();
    private final ScheduledExecutorService schedule;
    private final ExecutorService probes;

    private record Unreachable(String uri, long sinceNanos) {
    }

    /** The production cleaner: Pyro4's timings, real sockets, the system clock; starts checking at once. */
    static AutoCleaner start(StoredNameServer nameServer, Duration interval, Duration probeTimeout) {
        AutoCleaner cleaner = new AutoCleaner(nameServer, new SocketReachability(probeTimeout), probeTimeout,
                Duration.ofSeconds(MAX_UNREACHABLE_SECONDS), System::nanoTime);
        cleaner.schedule(interval);
        return cleaner;
    }

    AutoCleaner(StoredNameServer nameServer, Reachability reachability, Duration probeTimeout,
                Duration maxUnreachable, LongSupplier nanoTime) {
        this.nameServer = nameServer;
        this.reachability = reachability;
        this.probeTimeout = probeTimeout;
        this.maxUnreachableNanos = maxUnreachable.toNanos();
        this.nanoTime = nanoTime;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "pyrons-autoclean"));
        AtomicInteger n = new AtomicInteger();
        this.probes = Executors.newFixedThreadPool(PROBE_THREADS,
                r -> daemonThread(r, "pyrons-autoclean-probe-" + n.incrementAndGet()));
    }

    void schedule(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        schedule.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            // a failing check must not end the schedule: the next round tries again
            LOG.log(Level.WARNING, "autoclean check failed: " + e, e);
        }
    }

    /** One round: probe everything, forget names that answered, remove names unreachable for too long. */
    void check() {
        Map<String, Registration> all = nameServer.list(null, null, null, null).stream()
                .collect(java.util.stream.Collectors.toMap(Registration::name, r -> r));
        Map<String, Future<Boolean>> results = new HashMap<>();
        for (Registration registration : all.values()) {
            String name = registration.name();
            if (name.equals(NameServer.OBJECT_ID) || name.equals(PyroDaemon.DAEMON_OBJECT_ID)) {
                continue;
            }
            PyroURI uri;
            try {
                uri = PyroURI.parse(registration.uri());
            } catch (RuntimeException e) {
                continue; // stored before validation: nothing to probe
            }
            results.put(name, probes.submit(() -> reachability.reachable(uri)));
        }
        long deadline = System.nanoTime() + probeTimeout.toNanos() * 2 + TimeUnit.SECONDS.toNanos(1);
        unreachable.keySet().retainAll(all.keySet());
        int removed = 0;
        for (var entry : results.entrySet()) {
            String name = entry.getKey();
            String uri = all.get(name).uri();
            if (answered(entry.getValue(), deadline)) {
                unreachable.remove(name);
                continue;
            }
            long now = nanoTime.getAsLong();
            Unreachable since = unreachable.get(name);
            if (since == null || !since.uri().equals(uri)) {
                since = new Unreachable(uri, now);
                unreachable.put(name, since);
            }
            if (now - since.sinceNanos() >= maxUnreachableNanos) {
                unreachable.remove(name);
                if (nameServer.removeIfUri(name, uri)) {
                    removed++;
                    LOG.log(Level.INFO, "autoclean: unregistering " + name + "; cannot connect uri " + uri + " for "
                            + TimeUnit.NANOSECONDS.toSeconds(maxUnreachableNanos) + " sec");
                }
            }
        }
        if (!unreachable.isEmpty() || removed > 0) {
            int waiting = unreachable.size();
            LOG.log(Level.DEBUG, () -> "autoclean: " + waiting + "/" + all.size() + " names currently unreachable");
        }
    }

    private static boolean answered(Future<Boolean> probe, long deadlineNanos) {
        try {
            return probe.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            probe.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("autoclean stopped", e);
        }
    }

    /** Names currently counted as unreachable (for tests and diagnostics). */
    List<String> unreachableNames() {
        return new ArrayList<>(unreachable.keySet());
    }

    boolean isStopped() {
        return schedule.isTerminated() && probes.isTerminated();
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        probes.shutdownNow();
        try {
            schedule.awaitTermination(5, TimeUnit.SECONDS);
            probes.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
