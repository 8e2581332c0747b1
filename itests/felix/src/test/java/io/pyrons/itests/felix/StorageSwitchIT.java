package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.Registration;
import io.pyrons.api.status.PartStatus;
import io.pyrons.client.RemoteNameServer;

/**
 * The name server's storage is switched by configuration (memory, sql, dbm) while a client stays connected: the
 * names move to an empty store, a store that holds names keeps them; removing the backend in use makes the name
 * server unavailable with an error, never an empty phone book.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageSwitchIT extends PyronsTestSupport {

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    /** Points io.pyrons.naming at {@code storage} alone and waits until the name server serves from it. */
    String switchTo(String storage) throws Exception {
        update(NAMING, props("storage", storage));
        String detail = awaitNameServerStatus(PartStatus.State.UP, storage).detail();
        awaitServed(NameServer.OBJECT_ID);
        return detail;
    }

    static String file(String suffix) {
        return new File("names-" + System.nanoTime() + suffix).getAbsolutePath();
    }

    @Test
    public void memoryToSqlToDbmWhileAClientStaysConnected() throws Exception {
        Bundle sqlite = install(PyronsBundles.SQLITE_JDBC);
        Bundle sql = install(PyronsBundles.SQL);
        Bundle h2 = install(PyronsBundles.H2_MVSTORE);
        Bundle dbm = install(PyronsBundles.DBM);
        String sqlStorage = "sql:" + file(".sqlite");
        try {
            RemoteNameServer remote = client("serpent");
            remote.register("kept.in.memory", "PYRO:m@127.0.0.1:9001", false, null);

            // the empty sql file gets the names of memory
            switchTo(sqlStorage);
            Await.result("a call after the switch to sql", TIMEOUT, () -> {
                remote.register("kept.in.sql", "PYRO:s@127.0.0.1:9002", false, null);
                return null;
            });
            assertEquals(List.of(NameServer.OBJECT_ID, "kept.in.memory", "kept.in.sql"), names(remote.list(null, null, null, null)));

            // and the empty dbm file those of sql
            String dbmStorage = "dbm:" + file(".dbm");
            assertTrue(switchTo(dbmStorage).endsWith("copied the 2 names of " + sqlStorage));
            assertEquals(List.of(NameServer.OBJECT_ID, "kept.in.memory", "kept.in.sql"),
                    names(Await.result("a call on dbm", TIMEOUT, () -> remote.list(null, null, null, null))));
            remote.register("kept.in.dbm", "PYRO:d@127.0.0.1:9003", false, null);
            assertEquals("PYRO:d@127.0.0.1:9003", service(NameServer.class).lookup("kept.in.dbm").asString());

            // back to the sql file, which holds names: it keeps its own, and says so
            assertEquals(sqlStorage + "; kept the 2 names already in " + sqlStorage + "; the 3 names in "
                    + dbmStorage + " were not copied", switchTo(sqlStorage));
            assertEquals("PYRO:s@127.0.0.1:9002",
                    Await.result("a call back on sql", TIMEOUT, () -> remote.lookup("kept.in.sql")).asString());
            assertEquals(List.of(NameServer.OBJECT_ID, "kept.in.memory", "kept.in.sql"),
                    names(remote.list(null, null, null, null)));

            // the backend in use goes away: an error naming it for the client, never an empty phone book
            sql.uninstall();
            sql = null;
            awaitNameServerStatus(PartStatus.State.UNAVAILABLE, "storage backend 'sql' is not installed");
            try {
                List<Registration> listed = remote.list(null, null, null, null);
                fail("a name server without its storage answered list() with " + listed);
            } catch (NamingError expected) {
                assertEquals("name server unavailable: storage backend 'sql' is not installed", expected.getMessage());
            }

            // installed again: the same file, the same names
            sql = install(PyronsBundles.SQL);
            awaitNameServerStatus(PartStatus.State.UP, sqlStorage);
            assertEquals("PYRO:s@127.0.0.1:9002",
                    Await.result("a lookup after reinstalling sql", TIMEOUT, () -> remote.lookup("kept.in.sql")).asString());
        } finally {
            switchTo("memory");
            for (Bundle b : new Bundle[] {dbm, h2, sql, sqlite}) {
                if (b != null && b.getState() != Bundle.UNINSTALLED) {
                    b.uninstall();
                }
            }
        }
    }

    private static List<String> names(List<Registration> registrations) {
        return registrations.stream().map(Registration::name).toList();
    }
}
