package io.pyrons.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 17 with the dbm feature: installing {@code pyrons-storage-dbm} moves the names a real Pyro4 client
 * registered on memory into the dbm file the feature offers; uninstalling and installing it again reopens that file
 * with every name (they are on disk); a switch into a store that already holds names keeps them, copies nothing,
 * and tells the operator in {@code ns:status}; the names left behind are not lost either.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafDbmStorageIT extends PyronsKarafTest {
    @Test
    public void installEnablesDbmAndASwitchIntoANonEmptyStoreKeepsItsNames() throws Exception {
        PyronsChecks.requirePyro4();
        int port = installPyrons();
        assertEquals("""
                dbm.a PYRO:a@127.0.0.1:7101 blue,round
                dbm.b PYRO:b@127.0.0.1:7102\s
                """, PyronsChecks.pyro4(port, "dbm.a=PYRO:a@127.0.0.1:7101,blue,round", "dbm.b=PYRO:b@127.0.0.1:7102"));

        // install = enable: the names move into the dbm file the feature offers
        String offered = "dbm:" + new File(System.getProperty("karaf.data"), "pyrons-names.dbm").getAbsolutePath();
        shell.ok("feature:install pyrons-storage-dbm");
        assertEquals("the daemon keeps its port", port, checks.awaitNameServer(offered + "; copied the 2 names of memory"));
        String both = """
                NAME   URI                    METADATA
                dbm.a  PYRO:a@127.0.0.1:7101  blue,round
                dbm.b  PYRO:b@127.0.0.1:7102
                2 registrations
                """;
        assertEquals(both, PyronsChecks.lines(shell.ok("ns:list dbm.")));

        // the names are in the file: uninstalled, the name server is unavailable (never an empty memory store);
        // installed again, it reopens the file with them
        shell.ok("feature:uninstall pyrons-storage-dbm");
        checks.awaitStatus("unavailable: storage backend 'dbm' is not installed");
        shell.ok("feature:install pyrons-storage-dbm");
        checks.awaitNameServer(offered);
        assertEquals(both, PyronsChecks.lines(shell.ok("ns:list dbm.")));

        // the operator chooses memory: the memory store still holds what it had, so nothing is copied into it
        shell.ok("config:edit io.pyrons.naming; config:property-set storage memory; config:update");
        checks.awaitNameServer("memory; kept the 2 names already in memory; the 2 names in " + offered
                + " were not copied");
        assertEquals("dbm.c PYRO:c@127.0.0.1:7103 green\n", PyronsChecks.pyro4(port, "dbm.c=PYRO:c@127.0.0.1:7103,green"));

        // ... and back to the dbm file, which holds names: they win, the operator is told, nothing is merged
        shell.ok("config:edit io.pyrons.naming; config:property-set storage " + offered + "; config:update");
        checks.awaitNameServer(offered + "; kept the 2 names already in " + offered + "; the 3 names in memory were "
                + "not copied");
        assertEquals(both, PyronsChecks.lines(shell.ok("ns:list dbm.")));

        // nothing was lost: dbm.c is still in the memory store
        shell.ok("config:edit io.pyrons.naming; config:property-set storage memory; config:update");
        checks.awaitNameServer("memory; kept the 3 names already in memory");
        assertTrue(PyronsChecks.lines(shell.ok("ns:list dbm.")).contains("dbm.c  PYRO:c@127.0.0.1:7103  green\n"));

        // a user error is its usage and one line in the console, and no stack trace in Karaf's log
        KarafShell.Result missing = shell.run("ns:lookup");
        assertEquals("ns:lookup: expected NAME, got none", missing.failure());
        assertTrue(missing.output(), missing.output().startsWith("usage: ns:lookup [-n HOST] [-p PORT] [-k KEY] NAME"));
        assertEquals("NamingError: unknown name: dbm.nothing", shell.run("ns:lookup dbm.nothing").failure());
        assertTrue(shell.ok("ns:storage --help").startsWith("usage: ns:storage [TYPE[:LOCATION] | --unset]"));
        Path log = Path.of(System.getProperty("karaf.log"), "karaf.log");
        String logged = Files.readString(log);
        assertFalse(logged, logged.contains("at io.pyrons.shell.") || logged.contains("Cannot coerce"));
    }
}
