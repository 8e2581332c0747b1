package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * pyro4-nsc (run as {@code python3 -m Pyro4.nsc}, the code behind the pyro4-nsc script) against each
 * server: every command, and the outputs of the whole session must be equal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NscTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** One nsc invocation: the command line after the connection options, and what it reads on stdin (NscPyro5Test too). */
    record Step(String stdin, String... arguments) {
        static Step of(String... arguments) {
            return new Step(null, arguments);
        }
    }

    private static final List<Step> SESSION = List.of(
            Step.of("ping"),
            Step.of("list"),
            Step.of("register", "demo.one", "PYRO:one@localhost:3001"),
            Step.of("register", "demo.two", "PYRO:two@localhost:3002"),
            Step.of("register", "demo.one", "PYRO:dup@localhost:3009"),
            Step.of("register", "other.three", "PYRO:three@127.0.0.1:3003"),
            Step.of("register", "bad.uri", "not-a-uri"),
            Step.of("setmeta", "demo.one", "red", "blue", "green"),
            Step.of("setmeta", "demo.two", "red"),
            Step.of("setmeta", "other.three"),
            Step.of("setmeta", "no.such.name", "x"),
            Step.of("list"),
            Step.of("list", "demo."),
            Step.of("list", "nothing."),
            Step.of("lookup", "demo.one"),
            Step.of("lookup", "demo.two"),
            Step.of("lookup", "Pyro.NameServer"),
            Step.of("lookup", "no.such.name"),
            Step.of("listmatching", "demo\\..*"),
            Step.of("listmatching", ".*t"),
            Step.of("listmatching", "(("),
            Step.of("listmeta_all", "red"),
            Step.of("listmeta_all", "red", "blue"),
            Step.of("listmeta_all", "purple"),
            Step.of("listmeta_any", "blue", "nothing"),
            Step.of("listmeta_any", "class:Pyro4.naming.NameServer"),
            Step.of("remove", "demo.two"),
            Step.of("remove", "demo.two"),
            Step.of("remove", "Pyro.NameServer"),
            new Step("n\n", "removematching", "demo.*"),
            Step.of("list"),
            new Step("y\n", "removematching", "other.*"),
            new Step("y\n", "removematching", ".*"),
            Step.of("list"),
            Step.of("ping"));

    private final RunningServers servers = new RunningServers();
    private Python python;

    @BeforeAll
    void locatePython() {
        python = Python.locate();
    }

    @AfterAll
    void stopServers() {
        servers.close();
    }

    @Test
    void pyro4NsSessionShowsEveryCommandWorking() {
        String session = String.join("\n", session(ServerKind.PYRO4_NS));
        for (String expected : List.of("Name server ping ok.", "Registered demo.one", "Metadata updated",
                "Metadata cleared", "Removed demo.two", "Nothing removed", "items removed.",
                "metadata: ['blue', 'green', 'red']", "--------START LIST - prefix 'demo.'",
                "Error: NamingError - unknown name: no.such.name")) {
            assertTrue(session.contains(expected), "missing '" + expected + "' in\n" + session);
        }
    }

    @Test
    void pyronsSessionEqualsPyro4Ns() {
        List<String> expected = session(ServerKind.PYRO4_NS);
        List<String> actual = session(ServerKind.PYRONS);
        Transcripts.assertSameLines("pyro4-nsc session", expected, actual);
    }

    private List<String> session(ServerKind kind) {
        NameServerProcess server = servers.get(kind);
        var lines = new ArrayList<String>();
        for (Step step : SESSION) {
            var arguments = new ArrayList<>(List.of("-n", server.host(), "-p", Integer.toString(server.port())));
            arguments.addAll(List.of(step.arguments()));
            ProcessResult result = python.runModule("Pyro4.nsc", arguments, step.stdin(), COMMAND_TIMEOUT);
            lines.add("$ pyro4-nsc " + String.join(" ", step.arguments()) + " -> exit " + result.exitCode());
            for (String line : Transcripts.normalizePort(result.stdout(), server.port())) {
                lines.add(canonical(line));
            }
            for (String line : Transcripts.normalizePort(result.stderr(), server.port())) {
                lines.add("stderr: " + canonical(line));
            }
        }
        return lines;
    }

    private static String canonical(String line) {
        // the text after "invalid regex:" comes from the regex engine (Python's re vs java.util.regex)
        int regexError = line.indexOf("invalid regex:");
        if (regexError >= 0) {
            return line.substring(0, regexError + "invalid regex:".length());
        }
        return Transcripts.sortMetadataList(line);
    }
}
