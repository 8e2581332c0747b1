package io.pyrons.naming;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.naming.Reachability.Answer;

/**
 * Pyro4's {@code AutoCleaner} (NS_AUTOCLEAN): every {@code interval} each registration's server is probed with a
 * plain connect, and a name whose server refused every probe for {@value #MAX_UNREACHABLE_SECONDS} seconds is
 * removed. The probes run in parallel on a small bounded pool, outside every name server lock, so name server
 * calls never wait for a check; a name is removed only if it still points at the URI that failed (a server that
 * re-registered meanwhile keeps its fresh entry). Only a probe's own refusal counts against a name: a probe that
 * timed out, or did not finish because others ahead of it were slow, is no evidence (unlike Pyro4, which also
 * removes servers that stay silent, so that a network partition emptied its name server). On a store shared by
 * several name servers only the one the store elects cleans ({@link NameStorage#housekeeper()}).
 */
final class AutoCleaner implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.pyrons.naming");
    /** Pyro4's AutoCleaner.max_unreachable_time. */
    static final int MAX_UNREACHABLE_SECONDS = 20;
    private static final int PROBE_THREADS = 8;
    private static final long NOT_STARTED = Long.MIN_VALUE;

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

    /** One round: probe everything, forget names that answered, remove names refused for too long. */
    void check() {
        if (!nameServer.housekeeper()) {
            // another instance sharing this store cleans it; what was counted here would be stale when this one
            // is elected again, so the counts start afresh then
            unreachable.clear();
            return;
        }
        List<Registration> all = nameServer.list(null, null, null, null);
        List<PendingProbe> pending = new ArrayList<>();
        for (Registration registration : all) {
            String name = registration.name();
            if (name.equals(NameServer.OBJECT_ID) || name.equals(PyroDaemon.DAEMON_OBJECT_ID)) {
                continue;
            }
            PyroURI uri;
            try {
                uri = registration.parsedUri();
            } catch (RuntimeException e) {
                continue; // stored before validation: nothing to probe
            }
            AtomicLong started = new AtomicLong(NOT_STARTED);
            Future<Answer> answer = probes.submit(() -> {
                started.set(System.nanoTime());
                return reachability.probe(uri);
            });
            pending.add(new PendingProbe(name, registration.uri(), answer, started));
        }
        Set<String> names = all.stream().map(Registration::name).collect(Collectors.toSet());
        unreachable.keySet().retainAll(names);
        // each probe gets its own time from when it starts; a queued one waits for those ahead of it, never for
        // a deadline shared by the round (which made every probe queued behind a black-holed host count as dead)
        long probeLimit = probeTimeout.toNanos() * 2 + TimeUnit.SECONDS.toNanos(1);
        long waves = (pending.size() + PROBE_THREADS - 1) / PROBE_THREADS;
        long roundLimit = System.nanoTime() + probeLimit * (waves + 1);
        int removed = 0;
        int silent = 0;
        for (PendingProbe probe : pending) {
            String name = probe.name();
            switch (outcome(probe, probeLimit, roundLimit)) {
                case ACCEPTED -> unreachable.remove(name);
                case SILENT -> silent++; // no evidence either way: a running count neither starts nor ends
                case REFUSED -> {
                    if (refusedForTooLong(name, probe.uri())) {
                        unreachable.remove(name);
                        if (nameServer.removeIfUri(name, probe.uri())) {
                            removed++;
                            LOG.log(Level.INFO, "autoclean: unregistering " + name + "; cannot connect uri "
                                    + probe.uri() + " for " + TimeUnit.NANOSECONDS.toSeconds(maxUnreachableNanos)
                                    + " sec");
                        }
                    }
                }
            }
        }
        if (!unreachable.isEmpty() || removed > 0 || silent > 0) {
            int waiting = unreachable.size();
            int unanswered = silent;
            LOG.log(Level.DEBUG, () -> "autoclean: " + waiting + "/" + all.size() + " names currently unreachable, "
                    + unanswered + " gave no answer this round");
        }
    }

    private record PendingProbe(String name, String uri, Future<Answer> answer, AtomicLong startedNanos) {
    }

    private boolean refusedForTooLong(String name, String uri) {
        long now = nanoTime.getAsLong();
        Unreachable since = unreachable.get(name);
        if (since == null || !since.uri().equals(uri)) {
            since = new Unreachable(uri, now);
            unreachable.put(name, since);
        }
        return now - since.sinceNanos() >= maxUnreachableNanos;
    }

    /** The probe's answer, or SILENT once it ran longer than its limit or never got a thread in the round. */
    private static Answer outcome(PendingProbe probe, long probeLimitNanos, long roundLimitNanos) {
        Future<Answer> answer = probe.answer();
        try {
            while (true) {
                long started = probe.startedNanos().get();
                long now = System.nanoTime();
                long until = started != NOT_STARTED ? started + probeLimitNanos : roundLimitNanos;
                if (now - until >= 0) {
                    answer.cancel(true);
                    return answer.isDone() && !answer.isCancelled() ? answer.get() : Answer.SILENT;
                }
                try {
                    // re-checked at least every probe limit: a queued probe's own clock starts when it runs
                    return answer.get(Math.min(until - now, probeLimitNanos), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // not yet: loop to its own limit
                }
            }
        } catch (ExecutionException | CancellationException e) {
            return Answer.SILENT; // a probe that failed learnt nothing
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
