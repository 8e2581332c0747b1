package io.pyrons.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pyrons.api.status.PartStatus;
import io.pyrons.api.status.PartStatus.State;

/**
 * How far the start has come, judged only from what the parts report through their {@link PartStatus} services:
 * pyro-ns runs once the daemon and the name server are up and the broadcast responder has said whether it runs.
 * <p>
 * A part that is not installed has no status, and a bundle still starting may not have published its own yet: so
 * the name server's unavailability (its storage backend may be a bundle that starts later) is final only once every
 * bundle has started, and a broadcast responder that never reported is taken as not installed only then. The
 * daemon's and the responder's unavailability (a port in use, an address that is not ours) is final at once, as in
 * pyro4-ns, which stops on either.
 *
 * @param reports           the latest report of each part, by {@link PartStatus#PART}
 * @param servicesReady     whether the {@code NameServer} and {@code PyroDaemon} services are registered
 * @param allBundlesStarted whether every bundle of the runtime has started
 */
record StartupProgress(Map<String, PartReport> reports, boolean servicesReady, boolean allBundlesStarted) {

    /** What a part said: its state, the one line about it, where it listens (or {@code null}). */
    record PartReport(State state, String detail, String location) {
    }

    /** The verdict. */
    sealed interface Outcome {
    }

    /** Not yet decided; {@code reason} says what is missing, for the line printed when the wait times out. */
    record Waiting(String reason) implements Outcome {
    }

    /** The start failed for {@code reason} (one line, the part's own detail). */
    record Failed(String reason) implements Outcome {
    }

    /** pyro-ns runs: announce it, with what the broadcast responder reported. */
    record Ready(StartupReport.Broadcast broadcast) implements Outcome {
    }

    Outcome outcome() {
        PartReport daemon = reports.get(PartStatus.DAEMON);
        PartReport nameServer = reports.get(PartStatus.NAME_SERVER);
        PartReport broadcast = reports.get(PartStatus.BROADCAST);
        if (unavailable(daemon)) {
            return new Failed(reason(PartStatus.DAEMON, daemon));
        }
        if (unavailable(broadcast)) {
            return new Failed(reason(PartStatus.BROADCAST, broadcast));
        }
        if (unavailable(nameServer) && allBundlesStarted) {
            return new Failed(reason(PartStatus.NAME_SERVER, nameServer));
        }
        if (up(daemon) && up(nameServer) && servicesReady) {
            if (broadcast == null) {
                if (allBundlesStarted) {
                    return new Ready(new StartupReport.Broadcast.NotInstalled());
                }
            } else if (broadcast.state() == State.UP) {
                return new Ready(new StartupReport.Broadcast.Running(broadcast.location()));
            } else {
                return new Ready(new StartupReport.Broadcast.Off(broadcast.detail()));
            }
        }
        return new Waiting(missing(daemon, nameServer, broadcast));
    }

    private static boolean up(PartReport report) {
        return report != null && report.state() == State.UP;
    }

    private static boolean unavailable(PartReport report) {
        return report != null && report.state() == State.UNAVAILABLE;
    }

    /** The part's own line; a part that gives none is named. */
    private static String reason(String part, PartReport report) {
        return report.detail().isBlank() ? part + " is unavailable" : report.detail();
    }

    /** E.g. {@code daemon: no status; nameserver: unavailable (storage backend 'x' is not installed)}. */
    private String missing(PartReport daemon, PartReport nameServer, PartReport broadcast) {
        List<String> waiting = new ArrayList<>();
        describe(waiting, PartStatus.DAEMON, daemon);
        describe(waiting, PartStatus.NAME_SERVER, nameServer);
        if (broadcast == null && !allBundlesStarted) {
            waiting.add(PartStatus.BROADCAST + ": no status");
        }
        if (waiting.isEmpty() && !servicesReady) {
            waiting.add("the name server's services are not registered");
        }
        if (!allBundlesStarted) {
            waiting.add("not every bundle has started");
        }
        return String.join("; ", waiting);
    }

    private static void describe(List<String> waiting, String part, PartReport report) {
        if (report == null) {
            waiting.add(part + ": no status");
        } else if (report.state() != State.UP) {
            waiting.add(part + ": " + report.state().property()
                    + (report.detail().isBlank() ? "" : " (" + report.detail() + ")"));
        }
    }
}
