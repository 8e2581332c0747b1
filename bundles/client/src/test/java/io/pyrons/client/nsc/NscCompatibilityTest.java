package io.pyrons.client.nsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.pyrons.client.PythonPyro;
import io.pyrons.client.Serializers;
import io.pyrons.serializer.serpent.SerpentSerializer;

/**
 * pyro-nsc against pyro4-nsc 4.82: the same command lines, one after the other on the same real name server,
 * must print the same bytes on stdout and stderr and end with the same exit code. Python runs nsc's
 * {@code main} with {@code sys.argv[0] = 'pyro-nsc'} so that the program names agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NscCompatibilityTest {
    private static final String PYTHON_NSC = "import sys; sys.argv[0] = 'pyro-nsc'; from Pyro4.nsc import main; sys.exit(main())";

    private PythonPyro.NameServerProcess ns;

    record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    void start() {
        ns = new PythonPyro.NameServerProcess(Map.of());
    }

    @AfterAll
    void stop() {
        if (ns != null) {
            ns.close();
        }
    }

    private Outcome python(String stdin, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PythonPyro.python(), "-c", PYTHON_NSC));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        PythonPyro.cleanEnvironment(builder.environment());
        Process p = builder.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] err;
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "pyro4-nsc did not end: " + args);
        } finally {
            p.destroyForcibly();
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Outcome java(String stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Nsc("pyro-nsc", Map.of(), Serializers.of(List.of(new SerpentSerializer())),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs one command line with both tools; Java first, so a state change by Python shows in the next step. */
    private void same(String stdin, String... args) throws Exception {
        Outcome java = java(stdin, List.of(args));
        Outcome python = python(stdin, List.of(args));
        assertEquals(python, java, "pyro-nsc " + String.join(" ", args));
    }

    /** The help is pyro4-nsc's with one more line at its end: {@code --protocol}, which pyro4-nsc lacks. */
    private void sameHelp(String... args) throws Exception {
        Outcome java = java("", List.of(args));
        Outcome python = python("", List.of(args));
        String protocolLine = "  --protocol=PROTOCOL   wire protocol: 4 (Pyro4, default) or 5 (Pyro5)\n";
        assertEquals(new Outcome(python.code(), python.out() + protocolLine, python.err()), java, "pyro-nsc " + String.join(" ", args));
    }

    @Test
    void protocolOptionTakesFourOrFiveAndPyro5HasNoKey() {
        Outcome bad = java("", List.of("--protocol", "6", "ping"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().endsWith("pyro-nsc: error: option --protocol: invalid choice: '6' (choose from '4', '5')\n"), bad.err());
        Outcome keyed = java("", List.of("--protocol=5", "-k", "abc", "-n", "127.0.0.1", "ping"));
        assertEquals(1, keyed.code());
        assertTrue(keyed.err().endsWith("pyro-nsc: error: Pyro5 has no HMAC key: -k and PYRO_HMAC_KEY cannot be used with --protocol 5\n"),
                keyed.err());
        assertEquals("", keyed.out());
    }

    private String[] ns(String... command) {
        List<String> args = new ArrayList<>(List.of("-n", "127.0.0.1", "-p", Integer.toString(ns.port())));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    @Test
    void commandsPrintWhatPyro4nscPrints() throws Exception {
        same("", ns("ping"));
        same("", ns("-v", "ping"));
        same("", ns("list"));
        // register only once (the second run gets the error), so the tools take turns on fresh names
        Outcome first = java("", List.of(ns("register", "java.one", "PYRO:one@127.0.0.1:1111")));
        assertEquals(new Outcome(0, "Registered java.one\n", ""), first);
        Outcome again = python("", List.of(ns("register", "java.one", "PYRO:one@127.0.0.1:1111")));
        assertEquals(again, java("", List.of(ns("register", "java.one", "PYRO:one@127.0.0.1:1111"))));
        assertEquals("Error: NamingError - name already registered: java.one\n", again.out());
        python("", List.of(ns("register", "python.two", "PYRO:two@127.0.0.1:2222")));
        python("", List.of(ns("register", "uni\u00e9\u4e2d'q\"", "PYRO:three@127.0.0.1:3333")));
        same("", ns("setmeta", "java.one", "m1", "m2", "it's", "caf\u00e9", "tab\there", "m3"));
        same("", ns("setmeta", "python.two", "m2"));
        same("", ns("lookup", "java.one"));
        same("", ns("lookup", "python.two"));
        same("", ns("lookup", "nope"));
        same("", ns("list"));
        same("", ns("list", "java"));
        same("", ns("list", "nothing"));
        same("", ns("listmatching", ".*o\\.t"));
        same("", ns("listmatching", "["));
        same("", ns("listmeta_all", "m1", "m2"));
        same("", ns("listmeta_any", "m2", "zz"));
        same("", ns("listmeta_all", "zz"));
        same("", ns("remove", "nope"));
        same("", ns("setmeta", "nope", "x"));
        same("", ns("setmeta", "python.two"));
        same("", ns("lookup", "python.two"));
        same("n\n", ns("removematching", "python.*"));
        same("", ns("removematching", "python.*"));
        same(" y \n", ns("removematching", "nothing.*"));
        // argument errors end like Python's SystemExit
        same("", ns("lookup"));
        same("", ns("register", "x"));
        same("", ns("listmatching"));
        same("", ns("listmeta_all"));
        same("", ns("setmeta"));
        same("", ns("-v", "remove"));
        assertEquals(new Outcome(0, "Removed java.one\n", ""), java("", List.of(ns("remove", "java.one"))));
        same("", ns("remove", "java.one"));
        assertEquals(new Outcome(0, "Potentially removing lots of items from the Name server. Are you sure (y/n)?"
                + "1 items removed.\n", ""), java("y\n", List.of(ns("removematching", "uni.*"))));
        same("y\n", ns("removematching", "uni.*"));
        same("", ns("list", "--", "-x"));
        same("", "list", "-n127.0.0.1", "--port=" + ns.port(), "--verb");
    }

    @Test
    void yplookupIsAnExtensionThatAPyro4NameServerLacks() {
        assertEquals(new Outcome(0, "Error: AttributeError - remote object 'PYRO:Pyro.NameServer@127.0.0.1:" + ns.port()
                + "' has no exposed attribute or method 'yplookup'\n", ""), java("", List.of(ns("yplookup_any", "a", "b"))));
        assertEquals(new Outcome(1, "", "requires at least one metadata tag argument\n"), java("", List.of(ns("yplookup_all"))));
    }

    @Test
    void optionErrorsAndHelp() throws Exception {
        same("");
        sameHelp("-h");
        sameHelp("--help", "-x");
        same("", "bogus");
        same("", "-p", "abc", "ping");
        same("", "--port=", "ping");
        same("", "-x", "ping");
        same("", "--h", "x", "ping");
        same("", "--nope", "ping");
        same("", "--verbose=1", "ping");
        same("", "-n");
        same("", "ping", "--host");
        same("", "-vp");
    }

    @Test
    void keyOptionWarnsAndClashesWithTheEnvironment() throws Exception {
        Outcome java = java("", List.of("-k", "abc", "-n", "127.0.0.1", "-p", Integer.toString(ns.port()), "ping"));
        Outcome python = python("", List.of("-k", "abc", "-n", "127.0.0.1", "-p", Integer.toString(ns.port()), "ping"));
        // the name server has no key: with one the client is refused, and both say so
        assertEquals(python.code(), java.code());
        assertEquals(python.out(), java.out());
        assertEquals("Error: Failed to locate the nameserver\n", java.out());
        assertEquals("pyro-nsc: UserWarning: " + Nsc.KEY_WARNING + "\n", java.err());
        assertTrue(python.err().contains("UserWarning: " + Nsc.KEY_WARNING + "\n"), python.err());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Nsc("pyro-nsc", Map.of("PYRO_HMAC_KEY", "x"), Serializers.of(List.of(new SerpentSerializer())),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of("-k", "abc", "ping"));
        assertEquals(1, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("\nerror: don't use -k and PYRO_HMAC_KEY at the same time\n"));
    }

    @Test
    void unreachableNameServer() throws Exception {
        int freePort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        same("", "-n", "127.0.0.1", "-p", Integer.toString(freePort), "ping");
        same("", "-v", "-n", "127.0.0.1", "-p", Integer.toString(freePort), "list");
        same("", "-u", "/nonexistent/pyrons.sock", "ping");
    }
}
