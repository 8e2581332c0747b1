package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.pyrons.protocol.values.PythonRepr;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command line in {@code pyro4-ns-cases.txt}, captured from real pyro4-ns 4.82 by
 * {@code src/test/python/capture_pyro4_ns.py}: the same exit status and the same bytes on stdout and stderr, and
 * for command lines that start the name server the same arguments to Pyro4's {@code startNSloop}.
 */
class Pyro4NsCasesTest {

    record Case(String name, List<String> args, Map<String, String> env, int status, String stdout, String stderr) {
    }

    @TestFactory
    Stream<DynamicTest> behavesAsPyro4Ns() throws IOException {
        List<Case> cases = load();
        assertTrue(cases.size() >= 50, "fixture has " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " " + c.args(), () -> check(c)));
    }

    private static void check(Case c) {
        int status;
        String stdout;
        String stderr;
        try {
            LaunchPlan.Invocation invocation = LaunchPlan.invocation(c.args(), PyroEnvironment.read(c.env()));
            status = 0;
            stdout = startNSloop(invocation) + "\n";
            stderr = invocation.warnings();
        } catch (LaunchStop stop) {
            status = stop.status;
            stdout = stop.stdout;
            stderr = stop.stderr;
        }
        assertEquals(c.stderr(), stderr, "stderr");
        assertEquals(c.stdout(), stdout, "stdout");
        assertEquals(c.status(), status, "status");
    }

    /** The call that the capture script's stand-in for {@code startNSloop} prints, rendered with Python reprs. */
    static String startNSloop(LaunchPlan.Invocation invocation) {
        NsOptions o = invocation.options();
        return "startNSloop(host=" + py(o.host()) + ", port=" + py(o.port()) + ", enableBroadcast="
                + (o.enableBroadcast() ? "True" : "False") + ", bchost=" + py(o.bchost()) + ", bcport=" + py(o.bcport())
                + ", unixsocket=" + py(o.unixsocket()) + ", nathost=" + py(o.nathost()) + ", natport=" + py(o.natport())
                + ", storage=" + py(o.storage()) + ", hmac=" + py(invocation.hmacKey()) + ")";
    }

    private static String py(Object value) {
        if (value == null) {
            return "None";
        }
        return value instanceof String s ? PythonRepr.string(s) : value.toString();
    }

    private static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (var in = Pyro4NsCasesTest.class.getResourceAsStream("pyro4-ns-cases.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            List<String> args = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            int status = -1;
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("== ")) {
                    name = "case " + line.substring(3);
                    args = new ArrayList<>();
                    env = new LinkedHashMap<>();
                    out.setLength(0);
                    err.setLength(0);
                } else if (line.startsWith("arg ")) {
                    args.add(line.substring(4));
                } else if (line.startsWith("env ")) {
                    String[] kv = line.substring(4).split("=", 2);
                    env.put(kv[0], kv[1]);
                } else if (line.startsWith("status ")) {
                    status = Integer.parseInt(line.substring(7));
                } else if (line.startsWith("out ")) {
                    out.append(line.substring(4)).append('\n');
                } else if (line.startsWith("err ")) {
                    err.append(line.substring(4)).append('\n');
                } else if (line.equals("end")) {
                    cases.add(new Case(name, List.copyOf(args), Map.copyOf(env), status, out.toString(), err.toString()));
                }
            }
        }
        return cases;
    }
}
