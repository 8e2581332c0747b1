package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Each ns: command as a Gogo user types it, output captured from the session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends PyronsTestSupport {

    @Inject
    CommandProcessor processor;

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    /** Runs one command line; returns what it printed. */
    String run(String commandLine) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(commandLine);
            assertEquals("ns: commands print, they return nothing: " + commandLine, null, result);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    String failure(String commandLine) throws Exception {
        try {
            String printed = run(commandLine);
            fail(commandLine + " should fail, printed: " + printed);
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    @Test
    public void registerLookupListRemove() throws Exception {
        assertEquals("Registered shell.one\n", run("ns:register shell.one PYRO:obj_1@127.0.0.1:5001"));
        assertEquals("Registered shell.two\n", run("ns:register shell.two PYRO:obj_2@127.0.0.1:5002"));
        assertEquals("""
                NAME       URI                        METADATA
                shell.one  PYRO:obj_1@127.0.0.1:5001
                """, run("ns:lookup shell.one"));
        assertEquals("""
                NAME       URI                        METADATA
                shell.one  PYRO:obj_1@127.0.0.1:5001
                shell.two  PYRO:obj_2@127.0.0.1:5002
                2 registrations
                """, run("ns:list shell."));
        String all = run("ns:list");
        assertTrue(all, all.contains("Pyro.NameServer") && all.contains("shell.two") && all.endsWith("registrations\n"));
        assertTrue(run("ns:listmatching '.*two'").contains("shell.two"));
        assertEquals("Removed shell.one\n", run("ns:remove shell.one"));
        assertEquals("1 name removed\n", run("ns:removematching 'shell\\..*'"));
        assertEquals("NAME  URI  METADATA\n0 registrations\n", run("ns:list shell."));
    }

    @Test
    public void metadataAndYellowPages() throws Exception {
        run("ns:register yp.a PYRO:a@127.0.0.1:6001");
        run("ns:register yp.b PYRO:b@127.0.0.1:6002");
        assertEquals("Metadata of yp.a set to blue,round\n", run("ns:setmeta yp.a blue round"));
        run("ns:setmeta yp.b blue");
        String all = run("ns:yplookup all blue round");
        assertTrue(all, all.contains("yp.a") && !all.contains("yp.b") && all.endsWith("1 registration\n"));
        String any = run("ns:yplookup any round blue");
        assertTrue(any, any.contains("yp.a") && any.contains("yp.b") && any.endsWith("2 registrations\n"));
        run("ns:removematching 'yp\\.'");
    }

    @Test
    public void pingAndStatus() throws Exception {
        assertEquals("Name server ping ok.\n", run("ns:ping"));
        String status = run("ns:status");
        int port = port();
        assertTrue(status, status.startsWith("listening on:           127.0.0.1:" + port + "\n"));
        assertTrue(status, status.contains("name server:            PYRO:Pyro.NameServer@127.0.0.1:" + port + "\n"));
        assertTrue(status, status.contains("storage:                memory\n"));
        assertTrue(status, status.contains("serializers installed:  marshal(3/2), serpent(1/1)"));
        assertTrue(status, status.contains("serializers accepted:   json, marshal, msgpack, serpent\n"));
        assertTrue(status, status.contains("open connections:"));
        assertTrue(status, status.contains("names:"));
        // pyro5's row per protocol and metrics' headline figures, both read from the daemon's one ServerMetrics
        assertTrue(status, status.matches("(?s).*\nprotocols: +pyro4: \\d+ connections, \\d+ requests; pyro5: \\d+ connections, \\d+ requests\n.*"));
        assertTrue(status, status.matches("(?s).*\nrequests: +\\d+ .*\nlatency \\(µs\\): +p50 .*"));
    }

    @Test
    public void remoteOptionsGoOverTheWire() throws Exception {
        int port = port();
        assertEquals("Registered wire.one\n", run("ns:register --host 127.0.0.1 --port " + port
                + " wire.one PYRO:w@127.0.0.1:7001"));
        // the local service sees what went over the wire
        assertTrue(run("ns:list wire.").contains("wire.one"));
        String remote = run("ns:list -n 127.0.0.1 -p " + port + " wire.");
        assertTrue(remote, remote.contains("PYRO:w@127.0.0.1:7001") && remote.endsWith("1 registration\n"));
        String status = run("ns:status --port " + port);
        assertTrue(status, status.startsWith("listening on:    localhost:" + port + "\n")
                || status.startsWith("listening on:    127.0.0.1:" + port + "\n"));
        assertEquals("Removed wire.one\n", run("ns:remove --host 127.0.0.1 --port " + port + " wire.one"));
    }

    @Test
    public void errorsAreOneClearLine() throws Exception {
        assertEquals("NamingError: unknown name: no.such.name", failure("ns:lookup no.such.name"));
        run("ns:register dup.name PYRO:d@127.0.0.1:1");
        assertEquals("NamingError: name already registered: dup.name", failure("ns:register dup.name PYRO:e@127.0.0.1:2"));
        run("ns:remove dup.name");
        assertEquals("first argument must be 'all' or 'any', not 'some'", failure("ns:yplookup some tag"));
        // as Pyro4's locateNS says it
        assertEquals("NamingError: Failed to locate the nameserver", failure("ns:ping --host 127.0.0.1 --port 1"));
    }
}
