package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.pyrons.api.NameServer;
import io.pyrons.api.Registration;
import io.pyrons.client.RemoteNameServer;

/** Our bundles resolve and start, every component is active, and the name server answers over a socket. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreBundlesIT extends PyronsTestSupport {

    @Inject
    ServiceComponentRuntime scr;

    @Test
    public void everyBundleIsActive() {
        assertEquals("bundles this build has no jar for", List.of(), PyronsBundles.missing(PyronsBundles.CORE));
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals(List.of(), notActive);
    }

    @Test
    public void everyComponentIsActiveOnceConfigured() throws Exception {
        startNameServer();
        Await.until("every pyrons component active", TIMEOUT, () -> problems().isEmpty());
        List<String> pyronsComponents = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.bundle.symbolicName.startsWith("io.pyrons.")) {
                pyronsComponents.add(d.name);
            }
        }
        assertTrue(pyronsComponents.toString(), pyronsComponents.size() >= 6);
    }

    /** Each component of ours that is not active or satisfied, with why. */
    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("io.pyrons.")) {
                continue;
            }
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                problems.add(d.name + ": no configuration");
            }
            for (ComponentConfigurationDTO c : configs) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(d.name + ": state " + c.state + " " + (c.failure == null ? "" : c.failure));
                }
            }
        }
        return problems;
    }

    @Test
    public void theNameServerAnswersOverASocket() throws Exception {
        startNameServer();
        RemoteNameServer remote = client("serpent");
        remote.ping();
        remote.register("felix.test.object", "PYRO:obj_1@127.0.0.1:4000", true, Set.of("felix", "blue"));
        Registration r = remote.lookupRegistration("felix.test.object");
        assertEquals("PYRO:obj_1@127.0.0.1:4000", r.uri());
        assertEquals(Set.of("felix", "blue"), r.metadata());
        // the Java service sees what the wire wrote: one phone book
        NameServer local = service(NameServer.class);
        assertEquals("PYRO:obj_1@127.0.0.1:4000", local.lookup("felix.test.object").asString());
        assertEquals(Set.of(NameServer.OBJECT_ID, "felix.test.object"),
                Set.copyOf(remote.list(null, null, null, null).stream().map(Registration::name).toList()));
        assertEquals(1, remote.remove("felix.test.object", null, null));
    }

    @Test
    public void marshalClientsAreServed() throws Exception {
        startNameServer();
        RemoteNameServer remote = client("marshal");
        assertTrue(remote.count() >= 1);
    }
}
