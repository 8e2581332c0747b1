package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;

import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;

import io.pyrons.api.NameServer;

/**
 * Issue 12: the names in the memory store outlive the restart of the other parts. Stopping and starting the
 * io.pyrons.server bundle, then io.pyrons.naming, then io.pyrons.broadcast, and updating and refreshing
 * io.pyrons.server and io.pyrons.naming (what an operator does to apply a fix), each leaves the names registered
 * before it in place. Every step registers its own name first and checks all names after; the failures of all
 * steps are reported together.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleRestartIT extends PyronsTestSupport {

    @Test
    public void namesSurviveRestartsAndUpdatesOfTheOtherBundles() throws Exception {
        startNameServer();
        List<String> failures = new ArrayList<>();
        step("stop+start " + SERVER, () -> restart(SERVER), failures);
        step("stop+start " + NAMING, () -> restart(NAMING), failures);
        step("stop+start " + BROADCAST, () -> restart(BROADCAST), failures);
        step("update+refresh " + SERVER, () -> updateAndRefresh(SERVER), failures);
        step("update+refresh " + NAMING, () -> updateAndRefresh(NAMING), failures);
        assertEquals("steps that lost names", List.of(), failures);
    }

    interface Step {
        void run() throws Exception;
    }

    private void step(String what, Step action, List<String> failures) throws Exception {
        String name = "kept.before." + what.replaceAll("[^a-z.]", "_");
        service(NameServer.class).register(name, "PYRO:obj@127.0.0.1:9001", false, null);
        Set<String> before = client("serpent").list(null, null, null, null).keySet();
        action.run();
        startNameServer();
        Set<String> after = client("serpent").list(null, null, null, null).keySet();
        if (!after.containsAll(before)) {
            failures.add(what + ": had " + before + ", now " + after);
        }
    }

    private void restart(String symbolicName) throws Exception {
        Bundle bundle = installed(symbolicName);
        bundle.stop();
        bundle.start();
    }

    private void updateAndRefresh(String symbolicName) throws Exception {
        Bundle bundle = installed(symbolicName);
        try (InputStream in = new FileInputStream(PyronsBundles.jar(symbolicName).orElseThrow())) {
            bundle.update(in);
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> refreshed.countDown());
        if (!refreshed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("refreshing " + symbolicName + " did not finish");
        }
    }
}
