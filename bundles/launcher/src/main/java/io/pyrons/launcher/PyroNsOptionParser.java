package io.pyrons.launcher;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * pyro4-ns's command line (Pyro4 4.82 {@code naming.main}) parsed with Python optparse's rules: short options in
 * clusters with attached or separate values ({@code -xn HOST}, {@code -nHOST}), long options with {@code =} or a
 * separate value and unambiguous prefixes ({@code --po 9090}), {@code --} ending the options, other arguments
 * ignored, the last occurrence winning, and optparse's messages and exit statuses for help and errors.
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

    /** How an option changes the values; {@code spelling} is the name used on the command line, for messages. */
    @FunctionalInterface
    private interface Store {
        NsOptions apply(NsOptions values, String spelling, String value);
    }

    /** One option of the table: its spellings, whether it takes a value, and how it changes the values. */
    private record Option(String shortName, String longName, boolean takesValue, Store store) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("-h", "--help", false, null),
            new Option("-n", "--host", true, (o, s, v) -> o.withHost(v)),
            new Option("-p", "--port", true, (o, s, v) -> o.withPort(integer(s, v))),
            new Option("-u", "--unixsocket", true, (o, s, v) -> o.withUnixsocket(v)),
            new Option("-s", "--storage", true, (o, s, v) -> o.withStorage(v)),
            new Option(null, "--bchost", true, (o, s, v) -> o.withBchost(v)),
            new Option(null, "--bcport", true, (o, s, v) -> o.withBcport(integer(s, v))),
            new Option(null, "--nathost", true, (o, s, v) -> o.withNathost(v)),
            new Option(null, "--natport", true, (o, s, v) -> o.withNatport(integer(s, v))),
            new Option("-x", "--nobc", false, (o, s, v) -> o.withoutBroadcast()),
            new Option("-k", "--key", true, (o, s, v) -> o.withKey(v)));

    private static final Map<String, Option> LONG = OPTIONS.stream()
            .collect(Collectors.toMap(Option::longName, o -> o, (a, b) -> a, TreeMap::new));

    private PyroNsOptionParser() {
    }

    /** The options of {@code args}; {@link LaunchStop} for {@code -h} (status 0) and for errors (status 2). */
    static NsOptions parse(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        NsOptions values = NsOptions.DEFAULTS;
        while (!rest.isEmpty()) {
            String arg = rest.peekFirst();
            if (arg.equals("--")) {
                break;
            } else if (arg.startsWith("--")) {
                values = longOption(rest, values);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                values = shortOptions(rest, values);
            } else {
                rest.removeFirst(); // a positional argument: pyro4-ns ignores them
            }
        }
        return values;
    }

    private static NsOptions longOption(Deque<String> rest, NsOptions values) {
        String arg = rest.removeFirst();
        String name = arg;
        boolean explicitValue = false;
        int eq = arg.indexOf('=');
        if (eq >= 0) {
            name = arg.substring(0, eq);
            rest.addFirst(arg.substring(eq + 1));
            explicitValue = true;
        }
        Option option = LONG.get(matchLong(name));
        if (option.takesValue()) {
            if (rest.isEmpty()) {
                throw error(option.longName() + " option requires 1 argument");
            }
            return apply(option, option.longName(), rest.removeFirst(), values);
        }
        if (explicitValue) {
            throw error(option.longName() + " option does not take a value");
        }
        return apply(option, option.longName(), null, values);
    }

    private static NsOptions shortOptions(Deque<String> rest, NsOptions values) {
        String arg = rest.removeFirst();
        for (int i = 1; i < arg.length(); i++) {
            String name = "-" + arg.charAt(i);
            Option option = OPTIONS.stream().filter(o -> name.equals(o.shortName())).findFirst()
                    .orElseThrow(() -> error("no such option: " + name));
            if (option.takesValue()) {
                if (i + 1 < arg.length()) {
                    rest.addFirst(arg.substring(i + 1));
                }
                if (rest.isEmpty()) {
                    throw error(name + " option requires 1 argument");
                }
                return apply(option, name, rest.removeFirst(), values);
            }
            values = apply(option, name, null, values);
        }
        return values;
    }

    private static NsOptions apply(Option option, String spelling, String value, NsOptions values) {
        if (option.store() == null) {
            throw new LaunchStop(0, HELP, ""); // -h prints the help and exits at once, as optparse's help action
        }
        return option.store().apply(values, spelling, value);
    }

    /** optparse's {@code _match_abbrev}: the exact name, else the one long option it is a prefix of. */
    private static String matchLong(String name) {
        if (LONG.containsKey(name)) {
            return name;
        }
        List<String> candidates = LONG.keySet().stream().filter(n -> n.startsWith(name)).sorted().toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw error("no such option: " + name);
        }
        throw error("ambiguous option: " + name + " (" + String.join(", ", candidates) + "?)");
    }

    /** optparse's {@code type="int"} check: {@code 0x}, {@code 0b} and leading-zero octal prefixes, else decimal. */
    static long integer(String spelling, String value) {
        String digits = value;
        int base = 10;
        String head = value.length() >= 2 ? value.substring(0, 2).toLowerCase() : value;
        if (head.equals("0x")) {
            base = 16;
        } else if (head.equals("0b")) {
            base = 2;
            digits = value.substring(2).isEmpty() ? "0" : value.substring(2);
        } else if (value.startsWith("0")) {
            base = 8;
        }
        BigInteger parsed = PythonText.parseInt(digits, base);
        if (parsed == null) {
            throw error("option " + spelling + ": invalid integer value: " + PythonText.repr(value));
        }
        if (parsed.bitLength() > 63) {
            throw LaunchStop.error(1, "option " + spelling + ": value out of range: " + value);
        }
        return parsed.longValue();
    }

    /** optparse's {@code error()}: the usage line, then {@code PROG: error: MESSAGE}, status 2. */
    static LaunchStop error(String message) {
        return new LaunchStop(2, "", USAGE + "\n" + PROG + ": error: " + message + "\n");
    }
}
