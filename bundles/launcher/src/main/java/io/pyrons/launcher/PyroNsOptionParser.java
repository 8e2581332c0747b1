package io.pyrons.launcher;

import java.math.BigInteger;
import java.util.List;

import io.pyrons.protocol.optparse.OptionParser;
import io.pyrons.protocol.optparse.OptionParser.Given;
import io.pyrons.protocol.optparse.OptionParser.Kind;
import io.pyrons.protocol.optparse.OptionParser.Option;
import io.pyrons.protocol.optparse.OptionParserExit;

/**
 * pyro4-ns's command line (Pyro4 4.82 {@code naming.main}): its option table for the shared optparse parser.
 * Positional arguments are ignored, as by pyro4-ns.
 */
final class PyroNsOptionParser {
    static final String PROG = "pyro-ns";
    static final String USAGE = "Usage: " + PROG + " [options]\n";
    static final String HELP = USAGE + """

            Options:
              -h, --help            show this help message and exit
              -n HOST, --host=HOST  hostname to bind server on
              -p PORT, --port=PORT  port to bind server on (0=random)
              -u UNIXSOCKET, --unixsocket=UNIXSOCKET
                                    Unix domain socket name to bind server on
              -s STORAGE, --storage=STORAGE
                                    Storage system to use (memory, dbm:file, sql:file)
              --bchost=BCHOST       hostname to bind broadcast server on (default is "")
              --bcport=BCPORT       port to bind broadcast server on (0=random)
              --nathost=NATHOST     external hostname in case of NAT
              --natport=NATPORT     external port in case of NAT
              -x, --nobc            don't start a broadcast server
              -k KEY, --key=KEY     the HMAC key to use (deprecated)
            """;

    private static final OptionParser PARSER = new OptionParser(PROG, USAGE, HELP, List.of(
            new Option("-h", "--help", Kind.HELP),
            new Option("-n", "--host", Kind.STRING),
            new Option("-p", "--port", Kind.INT),
            new Option("-u", "--unixsocket", Kind.STRING),
            new Option("-s", "--storage", Kind.STRING),
            new Option(null, "--bchost", Kind.STRING),
            new Option(null, "--bcport", Kind.INT),
            new Option(null, "--nathost", Kind.STRING),
            new Option(null, "--natport", Kind.INT),
            new Option("-x", "--nobc", Kind.FLAG),
            new Option("-k", "--key", Kind.STRING)));

    private PyroNsOptionParser() {
    }

    /** The options of {@code args}; {@link LaunchStop} for {@code -h} (status 0) and for errors (status 2). */
    static NsOptions parse(List<String> args) {
        OptionParser.Parsed parsed;
        try {
            parsed = PARSER.parse(args);
        } catch (OptionParserExit exit) {
            throw exit.status() == 0 ? new LaunchStop(0, exit.text(), "") : new LaunchStop(exit.status(), "", exit.text());
        }
        String storage = parsed.has("--storage") ? parsed.string("--storage") : "memory";
        return new NsOptions(parsed.string("--host"), integer(parsed, "--port"), parsed.string("--unixsocket"), storage,
                parsed.string("--bchost"), integer(parsed, "--bcport"), parsed.string("--nathost"),
                integer(parsed, "--natport"), !parsed.has("--nobc"), parsed.string("--key"),
                parsed.has("--storage"));
    }

    /** An int option; beyond 64 bits it is our refusal (Python would fail later, binding the socket). */
    private static Long integer(OptionParser.Parsed parsed, String longName) {
        return parsed.integer(longName).map(PyroNsOptionParser::toLong).orElse(null);
    }

    private static long toLong(Given given) {
        BigInteger value = (BigInteger) given.value();
        if (value.bitLength() > 63) {
            throw LaunchStop.error(1, "option " + given.spelling() + ": value out of range: " + value);
        }
        return value.longValue();
    }
}
