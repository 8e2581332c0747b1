package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pyrons.api.status.PartStatus.State;

/** The verdict on a start from the parts' reports, as the launcher sees them arrive. */
class StartupProgressTest {
    private static final StartupProgress.PartReport DAEMON_UP =
            new StartupProgress.PartReport(State.UP, "", "127.0.0.1:9090");
    private static final StartupProgress.PartReport NS_UP = new StartupProgress.PartReport(State.UP, "memory", null);

    private static Map<String, StartupProgress.PartReport> reports(Object... partAndReport) {
        Map<String, StartupProgress.PartReport> reports = new HashMap<>();
        for (int i = 0; i < partAndReport.length; i += 2) {
            reports.put((String) partAndReport[i], (StartupProgress.PartReport) partAndReport[i + 1]);
        }
        return reports;
    }

    private static StartupProgress.PartReport unavailable(String detail) {
        return new StartupProgress.PartReport(State.UNAVAILABLE, detail, null);
    }

    private static StartupProgress.Outcome outcome(Map<String, StartupProgress.PartReport> reports, boolean allStarted) {
        return new StartupProgress(reports, true, allStarted).outcome();
    }

    @Test
    void nothingReportedYetIsWaitingAndSaysForWhat() {
        assertEquals(new StartupProgress.Waiting("daemon: no status; nameserver: no status; broadcast: no status; "
                + "not every bundle has started"), outcome(reports(), false));
        assertEquals(new StartupProgress.Waiting("daemon: no status; nameserver: no status"), outcome(reports(), true));
    }

    @Test
    void aDaemonThatCannotListenFailsAtOnceWithItsOwnLine() {
        var failed = new StartupProgress.Failed("cannot listen on localhost:9090: Address already in use");
        assertEquals(failed, outcome(reports("daemon", unavailable("cannot listen on localhost:9090: Address already in use")),
                false));
        assertEquals(failed, outcome(reports("daemon", unavailable("cannot listen on localhost:9090: Address already in use"),
                "nameserver", NS_UP), true));
    }

    @Test
    void anUnavailableNameServerIsFinalOnlyOnceEveryBundleHasStarted() {
        // the sql backend may be a bundle that starts after the name server looked for it
        var reports = reports("daemon", DAEMON_UP, "nameserver", unavailable("storage backend 'sql' is not installed"));
        assertEquals(new StartupProgress.Waiting("nameserver: unavailable (storage backend 'sql' is not installed); "
                + "broadcast: no status; not every bundle has started"), outcome(reports, false));
        assertEquals(new StartupProgress.Failed("storage backend 'sql' is not installed"), outcome(reports, true));
        assertEquals(new StartupProgress.Failed("nameserver is unavailable"),
                outcome(reports("daemon", DAEMON_UP, "nameserver", unavailable("")), true));
    }

    @Test
    void readyOnceTheResponderHasSaidWhetherItRuns() {
        assertEquals(new StartupProgress.Ready(new StartupReport.Broadcast.Running("0.0.0.0:9091")),
                outcome(reports("daemon", DAEMON_UP, "nameserver", NS_UP, "broadcast",
                        new StartupProgress.PartReport(State.UP, "", "0.0.0.0:9091")), false));
        assertEquals(new StartupProgress.Ready(new StartupReport.Broadcast.Off("disabled by configuration")),
                outcome(reports("daemon", DAEMON_UP, "nameserver", NS_UP, "broadcast",
                        new StartupProgress.PartReport(State.OFF, "disabled by configuration", null)), false));
        assertEquals(new StartupProgress.Waiting("broadcast: no status; not every bundle has started"),
                outcome(reports("daemon", DAEMON_UP, "nameserver", NS_UP), false));
        // no status once everything has started: no responder is installed
        assertEquals(new StartupProgress.Ready(new StartupReport.Broadcast.NotInstalled()),
                outcome(reports("daemon", DAEMON_UP, "nameserver", NS_UP), true));
    }

    @Test
    void aResponderThatCannotBindFailsTheStartAsInPyro4Ns() {
        assertEquals(new StartupProgress.Failed("cannot bind the broadcast responder on 192.0.2.1:9091: "
                        + "Cannot assign requested address"),
                outcome(reports("daemon", DAEMON_UP, "nameserver", NS_UP, "broadcast", unavailable(
                        "cannot bind the broadcast responder on 192.0.2.1:9091: Cannot assign requested address")), false));
    }

    @Test
    void partsUpWithoutTheirServicesWait() {
        assertEquals(new StartupProgress.Waiting("the name server's services are not registered"),
                new StartupProgress(reports("daemon", DAEMON_UP, "nameserver", NS_UP, "broadcast",
                        new StartupProgress.PartReport(State.OFF, "", null)), false, true).outcome());
    }
}
