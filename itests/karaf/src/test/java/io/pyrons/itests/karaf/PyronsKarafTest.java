package io.pyrons.itests.karaf;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;

/**
 * What every Karaf test of pyrons starts from: the Karaf of {@link KarafOptions}, a shell on it, the status and
 * Pyro4 checks of {@link PyronsChecks}, and the install of the pyrons features with the name server up on memory.
 * Subclasses carry {@code @RunWith(PaxExam.class)}.
 */
public abstract class PyronsKarafTest {
    @Inject
    SessionFactory sessionFactory;

    protected KarafShell shell;
    protected PyronsChecks checks;

    @Configuration
    public Option[] config() {
        return KarafOptions.options();
    }

    @Before
    public void shell() {
        shell = new KarafShell(sessionFactory);
        checks = new PyronsChecks(shell);
    }

    /** Adds pyrons' features repository, installs {@code pyrons pyrons-shell}, waits for the name server on memory. */
    protected int installPyrons() throws Exception {
        shell.ok("feature:repo-add " + System.getProperty("pyrons.features"));
        shell.ok("feature:install pyrons pyrons-shell");
        return checks.awaitNameServer("memory");
    }
}
