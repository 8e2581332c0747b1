package io.pyrons.protocol.optparse;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pyrons.protocol.values.PythonNumbers;
import io.pyrons.protocol.values.PythonRepr;

/**
 * Python 3's {@code optparse.OptionParser} for the kinds of option Pyro4's tools declare: short options in
 * clusters with attached or separate values ({@code -vn HOST}, {@code -nHOST}), long options with {@code =} or a
 * separate value and unambiguous prefixes ({@code --po 9090}), options between arguments, {@code --} ending the
 * options, {@code -h} printing the help at once, {@code type="int"} read as optparse reads it, and optparse's
 * error texts and exit statuses ({@link OptionParserExit}).
 */
public final class OptionParser {
    /** What an option does with the command line, as optparse's {@code action} and {@code type}. */
    public enum Kind {
        /** {@code action="help"}: prints the help and exits with status 0. */
        HELP,
        /** {@code action="store_true"} or {@code "store_false"}: takes no value. */
        FLAG,
        /** {@code action="store"}: takes a str. */
        STRING,
        /** {@code action="store", type="int"}: takes an int, any size. */
        INT
    }

    /**
     * One option of the table.
     *
     * @param shortName {@code -n}, or {@code null} when it has none
     * @param longName  {@code --host}; also the key of {@link Parsed#options()}
     */
    public record Option(String shortName, String longName, Kind kind) {
        boolean takesValue() {
            return kind == Kind.STRING || kind == Kind.INT;
        }
    }

    /**
     * An option as the command line last gave it.
     *
     * @param spelling the name used on the command line ({@code -p} or {@code --port}), for messages
     * @param value    a {@code String} (STRING), a {@code BigInteger} (INT) or {@code null} (FLAG)
     */
    public record Given(String spelling, Object value) {
    }

    /**
     * The result of {@link #parse}: the options given (the last occurrence of each, keyed by long name) and the
     * positional arguments in order.
     */
    public record Parsed(Map<String, Given> options, List<String> args) {
        public Parsed {
            options = Map.copyOf(options);
            args = List.copyOf(args);
        }

        public boolean has(String longName) {
            return options.containsKey(longName);
        }

        /** The str value of a STRING option, or {@code null} when not given. */
        public String string(String longName) {
            Given given = options.get(longName);
            return given == null ? null : (String) given.value();
        }

        /** The int value of an INT option, with the spelling it was given with. */
        public Optional<Given> integer(String longName) {
            return Optional.ofNullable(options.get(longName));
        }
    }

    private final String prog;
    private final String usage;
    private final String help;
    private final List<Option> options;

    /**
     * @param prog    the program name, as errors name it
     * @param usage   the usage text as optparse prints it ({@code "Usage: prog [options]\n"})
     * @param help    the whole help text
     * @param options the option table
     */
    public OptionParser(String prog, String usage, String help, List<Option> options) {
        this.prog = prog;
        this.usage = usage;
        this.help = help;
        this.options = List.copyOf(options);
    }

    public String usage() {
        return usage;
    }

    public String help() {
        return help;
    }

    /** optparse's {@code parser.error(message)}: the usage, then {@code PROG: error: MESSAGE}, status 2. */
    public OptionParserExit error(String message) {
        return new OptionParserExit(2, usage + "\n" + prog + ": error: " + message + "\n");
    }

    /** optparse's {@code parse_args}; {@link OptionParserExit} for help and for errors. */
    public Parsed parse(List<String> argv) {
        Deque<String> rest = new ArrayDeque<>(argv);
        Map<String, Given> given = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        while (!rest.isEmpty()) {
            String arg = rest.peekFirst();
            if (arg.equals("--")) {
                rest.removeFirst();
                break;
            } else if (arg.startsWith("--")) {
                longOption(rest, given);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                shortOptions(rest, given);
            } else {
                args.add(rest.removeFirst());
            }
        }
        args.addAll(rest);
        return new Parsed(given, args);
    }

    private void longOption(Deque<String> rest, Map<String, Given> given) {
        String arg = rest.removeFirst();
        String name = arg;
        boolean explicitValue = false;
        int eq = arg.indexOf('=');
        if (eq >= 0) {
            name = arg.substring(0, eq);
            rest.addFirst(arg.substring(eq + 1));
            explicitValue = true;
        }
        Option option = matchLong(name);
        String value = null;
        if (option.takesValue()) {
            if (rest.isEmpty()) {
                throw error(option.longName() + " option requires 1 argument");
            }
            value = rest.removeFirst();
        } else if (explicitValue) {
            throw error(option.longName() + " option does not take a value");
        }
        process(option, option.longName(), value, given);
    }

    private void shortOptions(Deque<String> rest, Map<String, Given> given) {
        String arg = rest.removeFirst();
        for (int i = 1; i < arg.length(); i++) {
            String name = "-" + arg.charAt(i);
            Option option = options.stream().filter(o -> name.equals(o.shortName())).findFirst()
                    .orElseThrow(() -> error("no such option: " + name));
            if (option.takesValue()) {
                if (i + 1 < arg.length()) {
                    rest.addFirst(arg.substring(i + 1));
                }
                if (rest.isEmpty()) {
                    throw error(name + " option requires 1 argument");
                }
                process(option, name, rest.removeFirst(), given);
                return;
            }
            process(option, name, null, given);
        }
    }

    private void process(Option option, String spelling, String value, Map<String, Given> given) {
        Object converted = switch (option.kind()) {
            case HELP -> throw new OptionParserExit(0, help);
            case FLAG -> null;
            case STRING -> value;
            case INT -> integer(spelling, value);
        };
        given.put(option.longName(), new Given(spelling, converted));
    }

    /** optparse's {@code _match_abbrev}: the exact name, else the one long option it is a prefix of. */
    private Option matchLong(String name) {
        List<Option> candidates = new ArrayList<>();
        for (Option option : options) {
            if (option.longName().equals(name)) {
                return option;
            }
            if (option.longName().startsWith(name)) {
                candidates.add(option);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw error("no such option: " + name);
        }
        List<String> names = candidates.stream().map(Option::longName).sorted(PythonRepr::compareCodePoints).toList();
        throw error("ambiguous option: " + name + " (" + String.join(", ", names) + "?)");
    }

    /** optparse's {@code _parse_num}: {@code 0x}, {@code 0b} and leading-zero octal prefixes, else decimal. */
    private BigInteger integer(String spelling, String value) {
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
        BigInteger parsed = PythonNumbers.parseInt(digits, base);
        if (parsed == null) {
            throw error("option " + spelling + ": invalid integer value: " + PythonRepr.string(value));
        }
        return parsed;
    }
}
