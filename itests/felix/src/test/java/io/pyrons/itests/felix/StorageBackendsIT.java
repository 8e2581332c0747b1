package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.pyrons.api.DaemonError;
import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.status.PartStatus;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.client.RemoteNameServer;

/**
 * Backends are selected by {@code storage = TYPE[:LOCATION]} alone, among whatever storage providers are
 * installed: {@code sql:FILE} switches without {@code storage.target}; a backend that is not installed leaves the
 * name server reachable but answering every call with a NamingError naming it, until its bundle is installed; and
 * a backend written in this test ({@code fixture}) is selectable with no edit in naming or the launcher.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageBackendsIT extends PyronsTestSupport {
    static final String FIXTURE_COMPONENT = "OSGI-INF/io.pyrons.itests.felix.FixtureStorageProvider.xml";

    /** The probe bundle carries the fixture backend's DS descriptor; SCR makes it a StorageProvider service. */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader("Service-Component", FIXTURE_COMPONENT);
        return probe;
    }

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    @After
    public void backToMemoryWithoutSql() throws Exception {
        update(NAMING, props("storage", "memory"));
        awaitNameServerStatus(PartStatus.State.UP, "memory");
        for (String name : new String[] {"io.pyrons.storage.sql", PyronsBundles.SQLITE_JDBC}) {
            Bundle b = installed(name);
            if (b != null) {
                b.uninstall();
            }
        }
    }

    static String file(String suffix) {
        return new File("names-" + System.nanoTime() + suffix).getAbsolutePath();
    }

    @Test
    public void sqlAloneSwitchesAndTheNamesRegisteredBeforeAreInTheSqliteFile() throws Exception {
        install(PyronsBundles.SQLITE_JDBC);
        install(PyronsBundles.SQL);
        RemoteNameServer remote = client("serpent");
        remote.register("alone.one", "PYRO:one@127.0.0.1:7001", false, Set.of("tag.one"));
        remote.register("alone.two", "PYRO:two@127.0.0.1:7002", false, null);
        String sqlite = file(".sqlite");

        update(NAMING, props("storage", "sql:" + sqlite)); // no storage.target
        PartStatus status = awaitNameServerStatus(PartStatus.State.UP, "sql:" + sqlite);
        assertTrue(status.detail(), status.detail().contains("copied the") && status.detail().endsWith("of memory"));
        assertEquals("PYRO:one@127.0.0.1:7001",
                Await.result("a lookup on sql", TIMEOUT, () -> remote.lookup("alone.one")).asString());
        remote.register("alone.three", "PYRO:three@127.0.0.1:7003", false, null);

        // leave the file (closed cleanly), then read it with Python's own sqlite3
        update(NAMING, props("storage", "memory"));
        awaitNameServerStatus(PartStatus.State.UP, "memory");
        String rows = sqlite3(sqlite, "SELECT n.name || ' ' || n.uri || ' ' || coalesce(m.metadata, '-') "
                + "FROM pyro_names n LEFT JOIN pyro_metadata m ON m.object = n.id "
                + "WHERE n.name LIKE 'alone.%' ORDER BY n.name");
        assertEquals("alone.one PYRO:one@127.0.0.1:7001 tag.one\n"
                + "alone.three PYRO:three@127.0.0.1:7003 -\n"
                + "alone.two PYRO:two@127.0.0.1:7002 -\n", rows);
        assertTrue(sqlite3(sqlite, "SELECT uri FROM pyro_names WHERE name = 'Pyro.NameServer'")
                .startsWith("PYRO:Pyro.NameServer@127.0.0.1:" + port()));
    }

    @Test
    public void aMissingBackendIsANamingErrorNamingItUntilItsBundleIsInstalled() throws Exception {
        RemoteNameServer remote = client("serpent");
        remote.register("before.missing", "PYRO:m@127.0.0.1:7101", false, null);
        String sqlite = file(".sqlite");

        update(NAMING, props("storage", "sql:" + sqlite));
        awaitNameServerStatus(PartStatus.State.UNAVAILABLE, "storage backend 'sql' is not installed");
        String why = "name server unavailable: storage backend 'sql' is not installed";
        try {
            fail("answered without its storage: " + remote.lookup("before.missing"));
        } catch (NamingError expected) {
            assertEquals(why, expected.getMessage());
        }
        // a client connecting now still reaches Pyro.NameServer (no "unknown object"), and gets the reason
        RemoteNameServer newcomer = client("serpent");
        try {
            newcomer.ping();
            fail("ping answered without storage");
        } catch (DaemonError unknownObject) {
            fail("the name server is not served: " + unknownObject);
        } catch (NamingError expected) {
            assertEquals(why, expected.getMessage());
        }
        String status = shell("ns:status");
        assertTrue(status, status.contains("storage:                sql:" + sqlite + "\n"));
        assertTrue(status, status.contains("name server status:     unavailable: storage backend 'sql' is not installed\n"));
        assertTrue(status, !status.contains("names:"));

        install(PyronsBundles.SQLITE_JDBC);
        install(PyronsBundles.SQL);
        PartStatus up = awaitNameServerStatus(PartStatus.State.UP, "sql:" + sqlite);
        assertTrue(up.detail(), up.detail().contains("; copied the ") && up.detail().endsWith(" of memory"));
        assertEquals("PYRO:m@127.0.0.1:7101",
                Await.result("a lookup once sql is installed", TIMEOUT, () -> remote.lookup("before.missing")).asString());
        String statusUp = shell("ns:status");
        assertTrue(statusUp, statusUp.contains("name server status:     up (sql:" + sqlite + "; copied the "));
    }

    @Test
    public void anExplicitStorageTargetStillFiltersAndTheReasonSaysSo() throws Exception {
        install(PyronsBundles.SQLITE_JDBC);
        install(PyronsBundles.SQL);
        String sqlite = file(".sqlite");
        update(NAMING, props("storage", "sql:" + sqlite, "storage.target", "(pyrons.storage.type=memory)"));
        awaitNameServerStatus(PartStatus.State.UNAVAILABLE,
                "storage backend 'sql' is installed but storage.target (pyrons.storage.type=memory) excludes it");
        update(NAMING, props("storage", "sql:" + sqlite, "storage.target", "(pyrons.storage.type=sql)"));
        awaitNameServerStatus(PartStatus.State.UP, "sql:" + sqlite);
    }

    @Test
    public void aBackendWrittenInTheTestIsSelectableByItsTypeAlone() throws Exception {
        Await.until("the fixture storage provider", TIMEOUT, () -> fixture() != null);
        RemoteNameServer remote = client("serpent");
        remote.register("into.fixture", "PYRO:f@127.0.0.1:7201", false, null);

        update(NAMING, props("storage", "fixture:whatever"));
        PartStatus status = awaitNameServerStatus(PartStatus.State.UP, "fixture:whatever");
        assertTrue(status.detail(), status.detail().endsWith(" of memory"));
        remote.register("in.fixture", "PYRO:g@127.0.0.1:7202", false, null);
        FixtureStorageProvider fixture = fixture();
        assertNotNull(fixture);
        Set<String> stored = fixture.stores.get("whatever").keySet();
        assertTrue(stored.toString(), stored.containsAll(Set.of(NameServer.OBJECT_ID, "into.fixture", "in.fixture")));

        update(NAMING, props("storage", "fixture:"));
        PartStatus refused = awaitNameServerStatus(PartStatus.State.UP, "fixture:whatever; cannot switch to fixture: ");
        assertTrue(refused.detail(), refused.detail().contains("fixture storage needs a name: fixture:NAME"));
    }

    FixtureStorageProvider fixture() {
        try {
            Collection<ServiceReference<StorageProvider>> refs = context.getServiceReferences(StorageProvider.class,
                    "(" + StorageProvider.TYPE + "=fixture)");
            return refs.isEmpty() ? null : (FixtureStorageProvider) context.getService(refs.iterator().next());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code query} on {@code file} with Python's sqlite3; one line per row. */
    static String sqlite3(String file, String query) throws Exception {
        File out = File.createTempFile("sqlite3", ".out");
        Process python = new ProcessBuilder("python3", "-c",
                "import sqlite3, sys\n"
                        + "c = sqlite3.connect(sys.argv[1])\n"
                        + "for (row,) in c.execute(sys.argv[2]): print(row)\n",
                file, query).redirectErrorStream(true).redirectOutput(out).start();
        try {
            assertTrue("python3 sqlite3 finished", python.waitFor(30, TimeUnit.SECONDS));
            String printed = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            assertEquals(printed, 0, python.exitValue());
            return printed;
        } finally {
            python.destroyForcibly();
            out.delete();
        }
    }
}
