package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pyrons.itests.interop.NscTest.Step;

/**
 * pyro-nsc {@code --protocol 5}: the Java client speaking Pyro5 (protocol 502, Pyro5's serializer ids and name
 * server API) to the name server.
 *
 * <p>Without Pyro5 (CI): against {@code pyrons.jar} with json, marshal and msgpack, every command, names shared
 * with a real Pyro4 client (Debian's python3-pyro4) on the same port, and a serializer the protocol lacks refused
 * in one line. With a Pyro5 checkout in {@code PYRO5_SOURCES} (skipped, saying so, without it): the same session
 * prints what Pyro5's own nsc ({@code python -m Pyro5.nsc}) prints, against Pyro5's own name server and against
 * pyrons.
 */
class NscPyro5Test {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern URI_LINE = Pattern.compile("^URI = PYRO:Pyro\\.NameServer@(.+):(\\d+)$");

    /**
     * Commands both nsc tools have (Pyro5's nsc has yplookup_all/_any, not Pyro4's listmeta_*), one metadata tag per
     * name so that no set order shows; it removes what it made, so that two clients can run it on one server.
     */
    private static final List<Step> SESSION = List.of(
            Step.of("ping"),
            Step.of("register", "p5.one", "PYRO:one@127.0.0.1:5001"),
            Step.of("register", "p5.two", "PYRO:two@127.0.0.1:5002"),
            Step.of("register", "p5.one", "PYRO:dup@127.0.0.1:5009"),
            Step.of("setmeta", "p5.one", "red"),
            Step.of("setmeta", "p5.two", "blue"),
            Step.of("lookup", "p5.one"),
            Step.of("lookup", "p5.none"),
            Step.of("list", "p5."),
            Step.of("listmatching", "p5\\.t.*"),
            Step.of("yplookup_all", "red"),
            Step.of("yplookup_any", "blue", "nothing"),
            Step.of("remove", "p5.two"),
            Step.of("remove", "p5.two"),
            new Step("y\n", "removematching", "p5\\..*"),
            Step.of("list", "p5."));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "marshal", "msgpack"})
    void pyroNscManagesPyronsOverPyro5BesideAPyro4Client(String serializer) {
        Path pyroNsc = NscUnixSocketTest.pyroNsc();
        Python python = Python.locate();
        String tags = serializer.equals("marshal") ? "{'from:pyro4'}" : "['from:pyro4']";
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            List<String> out = session(step -> pyroNsc(pyroNsc, serializer, pyrons.host(), pyrons.port(), step));
            assertEquals(expectedSession(serializer), out);

            // a real Pyro4 client and pyro-nsc in Pyro5 mode see each other's names and metadata
            String host = pyrons.host();
            String port = String.valueOf(pyrons.port());
            ProcessResult four = python.run("pyro4_mixed.py",
                    List.of(host, port, "register", "mix.four", "PYRO:four@127.0.0.1:4444", "from:pyro4"), Map.of(), TIMEOUT);
            assertEquals(0, four.exitCode(), four.describe());
            assertEquals(List.of("PYRO:four@127.0.0.1:4444", "metadata: " + tags),
                    pyroNsc(pyroNsc, serializer, host, pyrons.port(), Step.of("lookup", "mix.four")).stdout().lines().toList());
            assertEquals(List.of("--------START LIST  - searched by metadata", "mix.four --> PYRO:four@127.0.0.1:4444",
                    "    metadata: " + tags,
                    "--------END LIST  - searched by metadata"),
                    pyroNsc(pyroNsc, serializer, host, pyrons.port(), Step.of("listmeta_all", "from:pyro4")).stdout().lines().toList());
            pyroNsc(pyroNsc, serializer, host, pyrons.port(), Step.of("register", "mix.five", "PYRO:five@127.0.0.1:5555"));
            pyroNsc(pyroNsc, serializer, host, pyrons.port(), Step.of("setmeta", "mix.five", "from:pyro5"));
            ProcessResult looked = python.run("pyro4_mixed.py", List.of(host, port, "lookup", "mix.five"), Map.of(), TIMEOUT);
            assertEquals("lookup PYRO:five@127.0.0.1:5555 ['from:pyro5']", looked.stdout().lines().findFirst().orElse(""),
                    looked.describe());
        }
    }

    @Test
    void aSerializerTheProtocolLacksIsRefusedInOneLine() {
        Path pyroNsc = NscUnixSocketTest.pyroNsc();
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            ProcessResult msgpack4 = Commands.run(List.of(pyroNsc.toString(), "-n", pyrons.host(), "-p",
                    String.valueOf(pyrons.port()), "ping"), Map.of("PYRO_SERIALIZER", "msgpack"), null, TIMEOUT);
            assertEquals("Error: serializer 'msgpack' is not available in Pyro4's protocol (48)\n", msgpack4.stdout(),
                    msgpack4.describe());
            ProcessResult pickle5 = pyroNsc(pyroNsc, "pickle", pyrons.host(), pyrons.port(), Step.of("ping"));
            assertEquals("Error: serializer 'pickle' is not available in Pyro5's protocol (502)\n", pickle5.stdout(),
                    pickle5.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "marshal", "msgpack"})
    void pyroNscPrintsWhatPyro5NscPrints(String serializer) {
        Path sources = Pyro5InteropTest.pyro5Sources();
        Path pyroNsc = NscUnixSocketTest.pyroNsc();
        Python python = Python.locate();
        ManagedProcess real = Pyro5InteropTest.startPyro5NameServer(python, sources);
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS)) {
            Matcher uri = real.awaitStdoutLine(List.of("Pyro5.nameserver"), URI_LINE, "'URI = ' line", TIMEOUT);
            String realHost = uri.group(1);
            int realPort = Integer.parseInt(uri.group(2));
            List<String> pyro5OnPyro5 = session(step -> pyro5Nsc(python, sources, serializer, realHost, realPort, step));
            assertEquals(List.of("Name server ping ok.", "Registered p5.one"), pyro5OnPyro5.subList(0, 2), String.join("\n", pyro5OnPyro5));
            List<String> oursOnPyro5 = session(step -> pyroNsc(pyroNsc, serializer, realHost, realPort, step));
            assertEquals(pyro5OnPyro5, oursOnPyro5, "Pyro5's name server, " + serializer);
            List<String> pyro5OnPyrons = session(step -> pyro5Nsc(python, sources, serializer, pyrons.host(), pyrons.port(), step));
            List<String> oursOnPyrons = session(step -> pyroNsc(pyroNsc, serializer, pyrons.host(), pyrons.port(), step));
            assertEquals(expectedSession(serializer), pyro5OnPyrons, "Pyro5's nsc on pyrons, " + serializer);
            assertEquals(pyro5OnPyrons, oursOnPyrons, "pyrons, " + serializer);
        } finally {
            real.stop();
        }
    }

    /** What the session prints against pyrons: json and msgpack carry a set as a list, marshal as a set. */
    private static List<String> expectedSession(String serializer) {
        String red = serializer.equals("marshal") ? "{'red'}" : "['red']";
        String blue = serializer.equals("marshal") ? "{'blue'}" : "['blue']";
        return List.of(
                "Name server ping ok.",
                "Registered p5.one",
                "Registered p5.two",
                "Error: NamingError - name already registered: p5.one",
                "Metadata updated",
                "Metadata updated",
                "PYRO:one@127.0.0.1:5001",
                "metadata: " + red,
                "Error: NamingError - unknown name: p5.none",
                "--------START LIST - prefix 'p5.'",
                "p5.one --> PYRO:one@127.0.0.1:5001",
                "    metadata: " + red,
                "p5.two --> PYRO:two@127.0.0.1:5002",
                "    metadata: " + blue,
                "--------END LIST - prefix 'p5.'",
                "--------START LIST - regex 'p5\\.t.*'",
                "p5.two --> PYRO:two@127.0.0.1:5002",
                "    metadata: " + blue,
                "--------END LIST - regex 'p5\\.t.*'",
                "--------START LIST  - searched by metadata",
                "p5.one --> PYRO:one@127.0.0.1:5001",
                "    metadata: " + red,
                "--------END LIST  - searched by metadata",
                "--------START LIST  - searched by metadata",
                "p5.two --> PYRO:two@127.0.0.1:5002",
                "    metadata: " + blue,
                "--------END LIST  - searched by metadata",
                "Removed p5.two",
                "Nothing removed",
                "Potentially removing lots of items from the Name server. Are you sure (y/n)?1 items removed.",
                "--------START LIST - prefix 'p5.'",
                "--------END LIST - prefix 'p5.'");
    }

    private interface Nsc {
        ProcessResult run(Step step);
    }

    /** The session's stdout lines, one command after the other. */
    private static List<String> session(Nsc nsc) {
        List<String> lines = new ArrayList<>();
        for (Step step : SESSION) {
            lines.addAll(nsc.run(step).stdout().lines().toList());
        }
        return lines;
    }

    private static ProcessResult pyroNsc(Path pyroNsc, String serializer, String host, int port, Step step) {
        var command = new ArrayList<>(List.of(pyroNsc.toString(), "--protocol", "5", "-n", host, "-p", String.valueOf(port)));
        command.addAll(List.of(step.arguments()));
        return Commands.run(command, Map.of("PYRO_SERIALIZER", serializer), step.stdin(), TIMEOUT);
    }

    /** Pyro5's own nsc; on an error it prints the same line, then raises (a traceback on stderr, status 1). */
    private static ProcessResult pyro5Nsc(Python python, Path sources, String serializer, String host, int port, Step step) {
        var command = new ArrayList<>(List.of(python.interpreter(), "-m", "Pyro5.nsc", "-n", host, "-p", String.valueOf(port)));
        command.addAll(List.of(step.arguments()));
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONPATH", sources.toString());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYRO_SERIALIZER", serializer);
        return Commands.run(command, env, step.stdin(), TIMEOUT);
    }
}
