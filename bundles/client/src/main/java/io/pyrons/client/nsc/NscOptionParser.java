package io.pyrons.client.nsc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.pyrons.client.internal.PythonRepr;

/**
 * pyro4-nsc's command line, parsed with the rules and messages of Python's {@code optparse}: short options
 * with attached or separate values and grouped flags, long options with {@code =} or a separate value and
 * unambiguous abbreviations, options between arguments, {@code --} ending the options, {@code -h} printing
 * the help at once, errors as usage plus {@code PROG: error: ...} with exit code 2.
 */
final class NscOptionParser {
    private static final List<String> LONG_OPTIONS = List.of("--help", "--host", "--port", "--unixsocket", "--key", "--verbose");

    private final String prog;

    NscOptionParser(String prog) {
        this.prog = prog;
    }

    String usage() {
        return "Usage: " + prog + " [options] command [arguments]\n"
                + "Commands: register remove removematching lookup list listmatching\n"
                + "          listmeta_all listmeta_any setmeta ping\n";
    }

    /** optparse's help at its default width (80 columns). */
    String help() {
        return usage() + "\n"
                + "Options:\n"
                + "  -h, --help            show this help message and exit\n"
                + "  -n HOST, --host=HOST  hostname of the NS\n"
                + "  -p PORT, --port=PORT  port of the NS (or bc-port if host isn't specified)\n"
                + "  -u UNIXSOCKET, --unixsocket=UNIXSOCKET\n"
                + "                        Unix domain socket name of the NS\n"
                + "  -k KEY, --key=KEY     the HMAC key to use (deprecated)\n"
                + "  -v, --verbose         verbose output\n";
    }

    /** optparse's {@code parser.error(message)}. */
    NscExit error(String message) {
        return new NscExit(2, usage() + "\n" + prog + ": error: " + message + "\n");
    }

    NscOptions parse(List<String> argv) {
        var state = new State();
        List<String> rest = new ArrayList<>(argv);
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (arg.equals("--")) {
                state.args.addAll(rest);
                break;
            } else if (arg.startsWith("--")) {
                longOption(arg, rest, state);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                shortOptions(arg, rest, state);
            } else {
                state.args.add(arg);
            }
        }
        return new NscOptions(state.host, state.port, state.unixsocket, state.key, state.verbose, state.args);
    }

    private void longOption(String arg, List<String> rest, State state) {
        int eq = arg.indexOf('=');
        String given = eq < 0 ? arg : arg.substring(0, eq);
        String option = matchAbbreviation(given);
        boolean takesValue = !option.equals("--help") && !option.equals("--verbose");
        String value = null;
        if (takesValue) {
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (rest.isEmpty()) {
                throw error(option + " option requires 1 argument");
            } else {
                value = rest.remove(0);
            }
        } else if (eq >= 0) {
            throw error(option + " option does not take a value");
        }
        apply(option, option, value, state);
    }

    private String matchAbbreviation(String given) {
        if (LONG_OPTIONS.contains(given)) {
            return given;
        }
        List<String> candidates = new ArrayList<>();
        for (String option : LONG_OPTIONS) {
            if (option.startsWith(given)) {
                candidates.add(option);
            }
        }
        if (candidates.isEmpty()) {
            throw error("no such option: " + given);
        }
        if (candidates.size() > 1) {
            candidates.sort(PythonRepr::compareCodePoints);
            throw error("ambiguous option: " + given + " (" + String.join(", ", candidates) + "?)");
        }
        return candidates.get(0);
    }

    private void shortOptions(String arg, List<String> rest, State state) {
        for (int i = 1; i < arg.length(); i++) {
            String option = "-" + arg.charAt(i);
            String canonical = switch (option) {
                case "-h" -> "--help";
                case "-n" -> "--host";
                case "-p" -> "--port";
                case "-u" -> "--unixsocket";
                case "-k" -> "--key";
                case "-v" -> "--verbose";
                default -> throw error("no such option: " + option);
            };
            if (canonical.equals("--help") || canonical.equals("--verbose")) {
                apply(canonical, option, null, state);
                continue;
            }
            String value;
            if (i + 1 < arg.length()) {
                value = arg.substring(i + 1);
            } else if (rest.isEmpty()) {
                throw error(option + " option requires 1 argument");
            } else {
                value = rest.remove(0);
            }
            apply(canonical, option, value, state);
            return;
        }
    }

    private void apply(String canonical, String used, String value, State state) {
        switch (canonical) {
            case "--help" -> throw new NscExit(0, help());
            case "--verbose" -> state.verbose = true;
            case "--host" -> state.host = value;
            case "--unixsocket" -> state.unixsocket = value;
            case "--key" -> state.key = value;
            case "--port" -> state.port = parsePort(used, value);
            default -> throw new IllegalStateException("option table and switch disagree: " + canonical);
        }
    }

    /** optparse's {@code int} type: radix from a 0x/0b/0 prefix, then Python's {@code int(text, radix)}. */
    private Integer parsePort(String option, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        int radix;
        String text = value;
        if (lower.startsWith("0x")) {
            radix = 16;
        } else if (lower.startsWith("0b")) {
            radix = 2;
            text = value.substring(2).isEmpty() ? "0" : value.substring(2);
        } else if (lower.startsWith("0")) {
            radix = 8;
        } else {
            radix = 10;
        }
        BigInteger number = PythonInt.parse(text, radix);
        if (number == null) {
            throw error("option " + option + ": invalid integer value: " + PythonRepr.repr(value));
        }
        // a port beyond int range cannot be connected to; -1 fails like any other bad port later on
        return number.bitLength() < 32 ? number.intValue() : -1;
    }

    private static final class State {
        String host;
        Integer port;
        String unixsocket;
        String key;
        boolean verbose;
        final List<String> args = new ArrayList<>();
    }
}
