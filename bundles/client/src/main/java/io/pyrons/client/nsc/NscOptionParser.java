package io.pyrons.client.nsc;

import java.math.BigInteger;
import java.util.List;

import io.pyrons.api.PyroProtocol;

import io.pyrons.protocol.optparse.OptionParser;
import io.pyrons.protocol.optparse.OptionParser.Kind;
import io.pyrons.protocol.optparse.OptionParser.Option;
import io.pyrons.protocol.optparse.OptionParserExit;
import io.pyrons.protocol.values.PythonRepr;

/**
 * pyro4-nsc's command line (Pyro4 4.82 {@code nsc.main}): its option table for the shared optparse parser, plus
 * pyrons' {@code --protocol}, the one option pyro4-nsc lacks (the last line of the help).
 */
final class NscOptionParser {
    private final OptionParser parser;

    NscOptionParser(String prog) {
        String usage = "Usage: " + prog + " [options] command [arguments]\n"
                + "Commands: register remove removematching lookup list listmatching\n"
                + "          listmeta_all listmeta_any setmeta ping\n";
        // optparse's help at its default width (80 columns)
        String help = usage + "\n"
                + "Options:\n"
                + "  -h, --help            show this help message and exit\n"
                + "  -n HOST, --host=HOST  hostname of the NS\n"
                + "  -p PORT, --port=PORT  port of the NS (or bc-port if host isn't specified)\n"
                + "  -u UNIXSOCKET, --unixsocket=UNIXSOCKET\n"
                + "                        Unix domain socket name of the NS\n"
                + "  -k KEY, --key=KEY     the HMAC key to use (deprecated)\n"
                + "  -v, --verbose         verbose output\n"
                + "  --protocol=PROTOCOL   wire protocol: 4 (Pyro4, default) or 5 (Pyro5)\n";
        this.parser = new OptionParser(prog, usage, help, List.of(
                new Option("-h", "--help", Kind.HELP),
                new Option("-n", "--host", Kind.STRING),
                new Option("-p", "--port", Kind.INT),
                new Option("-u", "--unixsocket", Kind.STRING),
                new Option("-k", "--key", Kind.STRING),
                new Option("-v", "--verbose", Kind.FLAG),
                new Option(null, "--protocol", Kind.STRING)));
    }

    String usage() {
        return parser.usage();
    }

    String help() {
        return parser.help();
    }

    /** optparse's {@code parser.error(message)}. */
    NscExit error(String message) {
        return exit(parser.error(message));
    }

    NscOptions parse(List<String> argv) {
        OptionParser.Parsed parsed;
        try {
            parsed = parser.parse(argv);
        } catch (OptionParserExit e) {
            throw exit(e);
        }
        // a port beyond int range cannot be connected to; -1 fails like any other bad port later on
        Integer port = parsed.integer("--port").map(given -> (BigInteger) given.value())
                .map(number -> number.bitLength() < 32 ? number.intValue() : -1).orElse(null);
        String protocol = parsed.string("--protocol");
        PyroProtocol wire;
        if (protocol == null || protocol.equals("4")) {
            wire = PyroProtocol.PYRO4;
        } else if (protocol.equals("5")) {
            wire = PyroProtocol.PYRO5;
        } else {
            // optparse's text for a "choice" option
            throw error("option --protocol: invalid choice: " + PythonRepr.repr(protocol) + " (choose from '4', '5')");
        }
        return new NscOptions(parsed.string("--host"), port, parsed.string("--unixsocket"), parsed.string("--key"),
                parsed.has("--verbose"), wire, parsed.args());
    }

    private static NscExit exit(OptionParserExit e) {
        return new NscExit(e.status(), e.text());
    }
}
