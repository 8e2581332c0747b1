package io.pyrons.itests.karaf;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Karaf tests check pyrons with: {@code ns:status} over Karaf's shell until it shows a state, a real Pyro4
 * client (src/test/python/pyro4_client.py), and Python's sqlite3 reading a store file.
 */
final class PyronsChecks {
    private static final Pattern LISTENING = Pattern.compile("listening on:\\s+127\\.0\\.0\\.1:(\\d+)");
    static final String PYTHON = "/usr/bin/python3";

    private final KarafShell shell;

    PyronsChecks(KarafShell shell) {
        this.shell = shell;
    }

    /** Waits (60 s at most) until ns:status shows {@code text}. */
    void awaitStatus(String text) throws Exception {
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
    static String sqliteNames(String file) throws Exception {
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

    /** Waits (60 s at most) until ns:status shows the name server on {@code storage}; returns its port. */
    int awaitNameServer(String storage) throws Exception {
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
