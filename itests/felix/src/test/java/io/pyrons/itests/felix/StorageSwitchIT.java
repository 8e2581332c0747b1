package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
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
import org.osgi.framework.ServiceReference;

import io.pyrons.api.NameServer;
import io.pyrons.api.PythonException;
import io.pyrons.api.Registration;
import io.pyrons.client.RemoteNameServer;

/**
 * The name server's storage is switched by configuration (memory, sql, dbm) while a client stays connected;
 * removing the backend in use makes the name server unavailable with an error, never an empty phone book.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageSwitchIT extends PyronsTestSupport {

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    /** Points io.pyrons.naming at {@code storage} and waits until the name server runs on it. */
    void switchTo(String storage, String type) throws Exception {
        update(NAMING, props("storage", storage, "storage.target", "(pyrons.storage.type=" + type + ")"));
        Await.until("the name server on " + storage, TIMEOUT, () -> storage.equals(configuredStorage()));
        awaitServed(NameServer.OBJECT_ID);
    }

    String configuredStorage() {
        ServiceReference<NameServer> ref = context.getServiceReference(NameServer.class);
        return ref == null ? null : (String) ref.getProperty("storage");
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

            switchTo(sqlStorage, "sql");
            Await.result("a call after the switch to sql", TIMEOUT, () -> {
                remote.register("kept.in.sql", "PYRO:s@127.0.0.1:9002", false, null);
                return null;
            });
            List<Registration> inSql = remote.list(null, null, null, null);
            assertEquals(List.of(NameServer.OBJECT_ID, "kept.in.sql"), inSql.stream().map(Registration::name).toList());

            String dbmStorage = "dbm:" + file(".dbm");
            switchTo(dbmStorage, "dbm");
            assertEquals(List.of(NameServer.OBJECT_ID), Await.result("a call on dbm", TIMEOUT,
                    () -> remote.list(null, null, null, null)).stream().map(Registration::name).toList());
            remote.register("kept.in.dbm", "PYRO:d@127.0.0.1:9003", false, null);
            assertEquals("PYRO:d@127.0.0.1:9003", service(NameServer.class).lookup("kept.in.dbm").asString());

            // back to the same sql file: what was registered there is still there
            switchTo(sqlStorage, "sql");
            assertEquals("PYRO:s@127.0.0.1:9002",
                    Await.result("a call back on sql", TIMEOUT, () -> remote.lookup("kept.in.sql")).asString());

            // the backend in use goes away: an error for the client, never an empty phone book
            sql.uninstall();
            sql = null;
            Await.until("the NameServer service to go", TIMEOUT, () -> context.getServiceReference(NameServer.class) == null);
            try {
                List<Registration> listed = remote.list(null, null, null, null);
                fail("a name server without its storage answered list() with " + listed);
            } catch (PythonException expected) {
                assertTrue(expected.pythonName() + ": " + expected.getMessage(),
                        expected.getMessage() != null && !expected.getMessage().isBlank());
            }
            assertNull(service(NameServer.class));

            // installed again: the same file, the same names
            sql = install(PyronsBundles.SQL);
            awaitServed(NameServer.OBJECT_ID);
            assertEquals("PYRO:s@127.0.0.1:9002",
                    Await.result("a lookup after reinstalling sql", TIMEOUT, () -> remote.lookup("kept.in.sql")).asString());
        } finally {
            switchTo("memory", "memory");
            for (Bundle b : new Bundle[] {dbm, h2, sql, sqlite}) {
                if (b != null && b.getState() != Bundle.UNINSTALLED) {
                    b.uninstall();
                }
            }
        }
    }
}
