package io.pyrons.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * pyrons deployed into a real Karaf the way its README says: the features repository added, the features
 * installed, a real Pyro4 client using the name server, the ns: commands over Karaf's ssh shell, and the
 * storage switched with config: commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafDeploymentIT extends PyronsKarafTest {
    @Test
    public void installUseFromPythonAndSwitchStorage() throws Exception {
        PyronsChecks.requirePyro4();
        int port = installPyrons();
        // the core feature brings Pyro5's msgpack serializer, on msgpack-core from Maven Central
        String bundles = shell.ok("bundle:list -s -t 0");
        for (String bundle : List.of("org.msgpack.msgpack-core", "io.pyrons.serializer.msgpack")) {
            assertTrue(bundles, bundles.lines().anyMatch(line -> line.contains(bundle) && line.contains("Active")));
        }

        String registered = PyronsChecks.pyro4(port, "karaf.py.greeting=PYRO:greeting@127.0.0.1:7001,blue,round",
                "karaf.py.other=PYRO:other@127.0.0.1:7002");
        assertEquals("""
                karaf.py.greeting PYRO:greeting@127.0.0.1:7001 blue,round
                karaf.py.other PYRO:other@127.0.0.1:7002\s
                """, registered);
        assertEquals("""
                NAME               URI                           METADATA
                karaf.py.greeting  PYRO:greeting@127.0.0.1:7001  blue,round
                karaf.py.other     PYRO:other@127.0.0.1:7002
                2 registrations
                """, PyronsChecks.lines(shell.ok("ns:list karaf.py.")));

        // a failing command is one line
        KarafShell.Result unknown = shell.run("ns:lookup karaf.nothing");
        assertEquals("NamingError: unknown name: karaf.nothing", unknown.failure());
        assertEquals("", unknown.output());

        // install = enable: the storage feature offers its default location, and the name server, with no storage
        // set, moves there with its names
        String offered = new File(System.getProperty("karaf.data"), "pyrons-names.sqlite").getAbsolutePath();
        shell.ok("feature:install pyrons-storage-sql");
        assertEquals("the daemon keeps its port", port, checks.awaitNameServer("sql:" + offered));
        assertEquals("""
                NAME               URI                           METADATA
                karaf.py.greeting  PYRO:greeting@127.0.0.1:7001  blue,round
                karaf.py.other     PYRO:other@127.0.0.1:7002
                2 registrations
                """, PyronsChecks.lines(shell.ok("ns:list karaf.py.")));
        assertEquals("the names are in the file", """
                Pyro.NameServer
                karaf.py.greeting PYRO:greeting@127.0.0.1:7001 blue,round
                karaf.py.other PYRO:other@127.0.0.1:7002
                """, PyronsChecks.sqliteNames(offered));

        // an operator's storage setting wins: switch the name server to another SQLite file with config: commands
        String file = new File(System.getProperty("karaf.data"), "names.sqlite").getAbsolutePath();
        // (pyrons logs through System.Logger; log:set reaches it as any logger: the test Karaf's root level is WARN)
        shell.ok("log:set INFO io.pyrons");
        shell.ok("config:edit io.pyrons.naming; config:property-set storage sql:" + file + "; config:update");
        int portAfter = checks.awaitNameServer("sql:" + file);
        assertEquals("the daemon keeps its port: only the name server changed", port, portAfter);
        assertEquals("karaf.py.insql PYRO:insql@127.0.0.1:7003 \n", PyronsChecks.pyro4(port, "karaf.py.insql=PYRO:insql@127.0.0.1:7003"));
        // the names registered on memory moved into the empty sql file with the switch
        assertEquals("""
                NAME               URI                           METADATA
                karaf.py.greeting  PYRO:greeting@127.0.0.1:7001  blue,round
                karaf.py.insql     PYRO:insql@127.0.0.1:7003
                karaf.py.other     PYRO:other@127.0.0.1:7002
                3 registrations
                """, PyronsChecks.lines(shell.ok("ns:list karaf.py.")));
        assertTrue(new File(file).length() > 0);

        // logging is Pax Logging's: the switch is in Karaf's log, and log:set DEBUG shows connections and failed calls
        String info = shell.ok("log:display");
        assertTrue(info, info.contains("name server switched from sql:" + offered + " to sql:" + file));
        assertFalse(info, info.contains("connected 127.0.0.1:"));
        shell.ok("log:set DEBUG io.pyrons.server");
        // log:set reaches Pax Logging through Configuration Admin, asynchronously: a connection made before the new
        // level applies is not logged, so connect again (a bounded number of times) until one is
        String debug = "";
        for (int attempt = 0; attempt < 20 && !debug.contains("connected 127.0.0.1:"); attempt++) {
            if (attempt > 0) {
                Thread.sleep(500);
            }
            PyronsChecks.pyro4(port, "karaf.py.logged=PYRO:logged@127.0.0.1:7004");
            debug = shell.ok("log:display");
        }
        assertTrue(debug, debug.contains("connected 127.0.0.1:"));
        shell.ok("log:set DEFAULT io.pyrons.server");
        shell.ok("ns:remove karaf.py.logged");

        // ... and stays when the offered default location changes
        String moved = new File(System.getProperty("karaf.data"), "moved.sqlite").getAbsolutePath();
        shell.ok("config:edit io.pyrons.storage.sql.SqlStorageProvider; config:property-set default.location " + moved
                + "; config:update");
        Thread.sleep(3000);
        checks.awaitNameServer("sql:" + file);
        assertTrue("the explicit storage is kept", !new File(moved).exists());

        // uninstalled: the name server stays reachable, unavailable with the reason; never an empty memory store
        shell.ok("feature:uninstall pyrons-storage-sql");
        checks.awaitStatus("unavailable: storage backend 'sql' is not installed");
    }
}
