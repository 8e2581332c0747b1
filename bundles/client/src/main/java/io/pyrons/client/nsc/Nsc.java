package io.pyrons.client.nsc;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PyroError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.NameServerLocator;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.Serializers;
import io.pyrons.protocol.logging.PyroLogging;
import io.pyrons.protocol.values.PythonRepr;

/**
 * pyro-nsc, the name server control tool: pyro4-nsc 4.82's options, commands, output and exit codes, as a
 * plain Java program (no OSGi framework is started for one command). Serializers are found with
 * {@link java.util.ServiceLoader}; {@code PYRO_*} variables configure it as they configure Pyro4. With
 * {@code --protocol 5} it speaks Pyro5 to the name server (any Pyro5 one: Pyro5's own or pyrons).
 */
public final class Nsc {
    static final String KEY_WARNING = "using -k to supply HMAC key on the command line is a security problem "
            + "and is deprecated since Pyro 4.72. See the documentation for an alternative.";

    private final String prog;
    private final Map<String, String> env;
    private final Serializers serializers;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    public Nsc(String prog, Map<String, String> env, Serializers serializers, InputStream in, PrintStream out, PrintStream err) {
        this.prog = prog;
        this.env = env;
        this.serializers = serializers;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        // Pyro4 sets up its log on import, before anything else; a level it has no name for ends it there
        try {
            PyroLogging.installAlone(PyroLogging.read(System.getenv()));
        } catch (IllegalArgumentException e) {
            err.print("pyro-nsc: " + e.getMessage() + "\n");
            err.flush();
            System.exit(1);
        }
        int code = new Nsc("pyro-nsc", System.getenv(), Serializers.load(Nsc.class.getClassLoader()), System.in, out, err)
                .run(Arrays.asList(args));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    public int run(List<String> argv) {
        try {
            runOrExit(argv);
            return 0;
        } catch (NscExit e) {
            PrintStream target = e.code() == 0 ? out : err;
            target.print(e.text());
            target.flush();
            return e.code();
        } finally {
            out.flush();
        }
    }

    private void runOrExit(List<String> argv) {
        NscOptionParser parser = new NscOptionParser(prog);
        NscOptions options = parser.parse(argv);
        String key = options.key();
        if (key != null && !key.isEmpty()) {
            err.print(prog + ": UserWarning: " + KEY_WARNING + "\n");
            err.flush();
        }
        if (env.containsKey("PYRO_HMAC_KEY")) {
            if (key != null && !key.isEmpty()) {
                throw NscExit.systemExit("error: don't use -k and PYRO_HMAC_KEY at the same time");
            }
            key = env.get("PYRO_HMAC_KEY");
        }
        if (options.args().isEmpty() || !NscCommands.NAMES.contains(options.args().get(0))) {
            throw parser.error("invalid or missing command");
        }
        ClientConfig config;
        try {
            config = ClientConfig.fromEnvironment(env).withProtocol(options.protocol());
        } catch (IllegalArgumentException e) {
            throw NscExit.systemExit(prog + ": " + e.getMessage());
        }
        if (options.protocol() == PyroProtocol.PYRO5 && key != null && !key.isEmpty()) {
            throw NscExit.systemExit(prog + ": error: Pyro5 has no HMAC key: -k and PYRO_HMAC_KEY cannot be used with --protocol 5");
        }
        if (options.verbose()) {
            println("Locating name server...");
        }
        String host = options.unixsocket() != null && !options.unixsocket().isEmpty()
                ? "./u:" + options.unixsocket() : options.host();
        PyroProxy nameserver;
        try {
            nameserver = new NameServerLocator(config, serializers).locate(host, options.port(), true, key);
        } catch (PyroError e) {
            if (options.args().get(0).equals("health")) {
                println("unhealthy: cannot reach the name server: " + PythonRepr.exceptionStr(e));
                throw new NscExit(1, "");
            }
            println("Error: " + PythonRepr.exceptionStr(e));
            return;
        }
        try (nameserver) {
            if (options.verbose()) {
                println("Name server found: " + nameserver.uri().asString());
            }
            new NscCommands(nameserver, serializers, out, in).handle(options.args());
            if (options.verbose()) {
                println("Done.");
            }
        }
    }

    private void println(String line) {
        out.print(line + "\n");
        out.flush();
    }
}
