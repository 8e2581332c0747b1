package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceReference;

import io.pyrons.api.NameServer;
import io.pyrons.api.PythonException;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.client.RemoteNameServer;

/**
 * Issue 12: {@code storage = sql:FILE} is what an operator writes (it is what {@code pyro-ns -s} takes); the
 * name server must follow it without a hand-written {@code storage.target}. And when the backend it names is
 * not installed, a client is told so: a NamingError that names the missing backend, not "unknown object".
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class StorageWithoutTargetIT extends PyronsTestSupport {

    private String configuredStorage() {
        ServiceReference<NameServer> ref = context.getServiceReference(NameServer.class);
        return ref == null ? null : (String) ref.getProperty("storage");
    }

    @Test
    public void storageSqlWithoutTargetSwitchesTheStore() throws Exception {
        startNameServer();
        install(PyronsBundles.SQLITE_JDBC);
        install(PyronsBundles.SQL);
        File file = new File("names-" + System.nanoTime() + ".sqlite").getAbsoluteFile();
        String storage = "sql:" + file;

        update(NAMING, props("storage", storage));
        // a NameServer service whose activation then fails shows for a moment: up means the daemon serves it too
        PyroDaemon daemon = await(PyroDaemon.class);
        try {
            Await.until("the name server up on " + storage, TIMEOUT,
                    () -> storage.equals(configuredStorage()) && daemon.objectIds().contains(NameServer.OBJECT_ID));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " without storage.target; now: NameServer service with storage="
                    + configuredStorage() + ", the daemon serves " + daemon.objectIds());
        }
        RemoteNameServer remote = client("serpent");
        remote.register("kept.in.sql", "PYRO:s@127.0.0.1:9002", false, null);
        assertEquals("PYRO:s@127.0.0.1:9002", remote.lookup("kept.in.sql").asString());
        assertTrue("the sqlite file " + file, file.isFile() && file.length() > 0);
    }

    @Test
    public void aMissingBackendIsNamedInTheClientsError() throws Exception {
        startNameServer();
        RemoteNameServer remote = client("serpent");
        remote.ping();
        String storage = "sql:" + new File("names-" + System.nanoTime() + ".sqlite").getAbsolutePath();

        update(NAMING, props("storage", storage));
        Await.until("the memory name server to go", TIMEOUT, () -> !"memory".equals(configuredStorage()));
        try {
            remote.lookup(NameServer.OBJECT_ID);
            fail("a name server configured for " + storage + " without the sql backend answered a lookup");
        } catch (PythonException e) {
            String what = e.pythonName() + ": " + e.getMessage();
            assertTrue("want a NamingError, got " + what, e.pythonName().endsWith("NamingError"));
            assertTrue("want the missing backend named, got " + what, e.getMessage().contains("sql"));
        }
    }
}
