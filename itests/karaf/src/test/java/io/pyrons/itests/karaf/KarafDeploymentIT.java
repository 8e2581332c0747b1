package io.pyrons.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
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
public class KarafDeploymentIT {
    private static final Pattern LISTENING = Pattern.compile("listening on:\\s+127\\.0\\.0\\.1:(\\d+)");
    private static final String PYTHON = "/usr/bin/python3";

    @Inject
    SessionFactory sessionFactory;

    private KarafShell shell;

    @Configuration
    public Option[] config() {
        return KarafOptions.options();
    }

    @Before
    public void shell() {
        shell = new KarafShell(sessionFactory);
    }

    @Test
    public void installUseFromPythonAndSwitchStorage() throws Exception {
        requirePyro4();
        shell.ok("feature:repo-add " + System.getProperty("pyrons.features"));
        shell.ok("feature:install pyrons pyrons-shell");
        int port = awaitNameServer("memory");

        String registered = pyro4(port, "karaf.py.greeting=PYRO:greeting@127.0.0.1:7001,blue,round",
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
                """, lines(shell.ok("ns:list karaf.py.")));

        // a failing command is one line
        KarafShell.Result unknown = shell.run("ns:lookup karaf.nothing");
        assertEquals("NamingError: unknown name: karaf.nothing", unknown.failure());
        assertEquals("", unknown.output());

        // install = enable: the storage feature offers its default location, and the name server, with no storage
        // set, moves there with its names
        String offered = new File(System.getProperty("karaf.data"), "pyrons-names.sqlite").getAbsolutePath();
        shell.ok("feature:install pyrons-storage-sql");
        assertEquals("the daemon keeps its port", port, awaitNameServer("sql:" + offered));
        assertEquals("""
                NAME               URI                           METADATA
                karaf.py.greeting  PYRO:greeting@127.0.0.1:7001  blue,round
                karaf.py.other     PYRO:other@127.0.0.1:7002
                2 registrations
                """, lines(shell.ok("ns:list karaf.py.")));
        assertEquals("the names are in the file", """
                Pyro.NameServer
                karaf.py.greeting PYRO:greeting@127.0.0.1:7001 blue,round
                karaf.py.other PYRO:other@127.0.0.1:7002
                """, sqliteNames(offered));

        // an operator's storage setting wins: switch the name server to another SQLite file with config: commands
        String file = new File(System.getProperty("karaf.data"), "names.sqlite").getAbsolutePath();
        shell.ok("config:edit io.pyrons.naming; config:property-set storage sql:" + file + "; config:update");
        int portAfter = awaitNameServer("sql:" + file);
        assertEquals("the daemon keeps its port: only the name server changed", port, portAfter);
        assertEquals("karaf.py.insql PYRO:insql@127.0.0.1:7003 \n", pyro4(port, "karaf.py.insql=PYRO:insql@127.0.0.1:7003"));
        // the names registered on memory moved into the empty sql file with the switch
        assertEquals("""
                NAME               URI                           METADATA
                karaf.py.greeting  PYRO:greeting@127.0.0.1:7001  blue,round
                karaf.py.insql     PYRO:insql@127.0.0.1:7003
                karaf.py.other     PYRO:other@127.0.0.1:7002
                3 registrations
                """, lines(shell.ok("ns:list karaf.py.")));
        assertTrue(new File(file).length() > 0);

        // ... and stays when the offered default location changes
        String moved = new File(System.getProperty("karaf.data"), "moved.sqlite").getAbsolutePath();
        shell.ok("config:edit io.pyrons.storage.sql.SqlStorageProvider; config:property-set default.location " + moved
                + "; config:update");
        Thread.sleep(3000);
        awaitNameServer("sql:" + file);
        assertTrue("the explicit storage is kept", !new File(moved).exists());

        // uninstalled: the name server stays reachable, unavailable with the reason; never an empty memory store
        shell.ok("feature:uninstall pyrons-storage-sql");
        awaitStatus("unavailable: storage backend 'sql' is not installed");
    }

    /** Waits (60 s at most) until ns:status shows {@code text}. */
    private void awaitStatus(String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            KarafShell.Result status = shell.run("ns:status");
            last = status.output() + (status.failure() == null ? "" : status.failure());
            if (last.contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ns:status did not show '" + text + "' within 60 s:\n" + last);
    }

    /** The names in a SQLite file in Pyro4's schema, read by Python's sqlite3: NAME URI META1,META2 per line. */
    private static String sqliteNames(String file) throws Exception {
        String script = "import sqlite3, sys\n"
                + "db = sqlite3.connect(sys.argv[1])\n"
                + "for id, name, uri in db.execute('select id, name, uri from pyro_names order by name'):\n"
                + "    meta = sorted(m for (m,) in db.execute('select metadata from pyro_metadata where object=?', (id,)))\n"
                + "    print(name if name == 'Pyro.NameServer' else name + ' ' + uri + ' ' + ','.join(meta))\n";
        Processes.Result result = Processes.run(List.of(PYTHON, "-c", script, file), new File("."), Map.of(), 60);
        if (result.exitCode() != 0) {
            throw new AssertionError("reading " + file + " failed:\n" + result.output());
        }
        return lines(result.output());
    }

    private int awaitNameServer(String storage) throws Exception {
        return awaitNameServer(shell, storage);
    }

    /** Waits (60 s at most) until ns:status shows the name server on {@code storage}; returns its port. */
    static int awaitNameServer(KarafShell shell, String storage) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            KarafShell.Result status = shell.run("ns:status");
            last = status.output() + (status.failure() == null ? "" : status.failure());
            Matcher m = LISTENING.matcher(last);
            if (m.find() && last.contains("name server status:") && last.contains(" up (" + storage)) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ns:status did not show the name server on " + storage + " within 60 s:\n" + last);
    }

    static void requirePyro4() throws Exception {
        if (!new File(PYTHON).canExecute()) {
            throw new AssertionError(PYTHON + " is missing: these tests need Python 3 with Pyro4 (apt-get install python3-pyro4)");
        }
        Processes.Result check = Processes.run(List.of(PYTHON, "-c", "import Pyro4; print(Pyro4.__version__)"),
                new File("."), Map.of(), 30);
        if (check.exitCode() != 0) {
            throw new AssertionError(PYTHON + " has no Pyro4 (apt-get install python3-pyro4):\n" + check.output());
        }
    }

    static String pyro4(int port, String... registrations) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON,
                new File(System.getProperty("pyrons.python.scripts"), "pyro4_client.py").getPath(), String.valueOf(port)));
        command.addAll(List.of(registrations));
        Processes.Result result = Processes.run(command, new File("."), Map.of("PYRO_SERIALIZER", "serpent"), 60);
        if (result.exitCode() != 0) {
            throw new AssertionError("the Pyro4 client failed (exit " + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    /** Output as lines ending in \n, without the CRs and trailing blanks of the ssh terminal. */
    static String lines(String output) {
        StringBuilder sb = new StringBuilder();
        for (String line : output.split("\r?\n")) {
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
