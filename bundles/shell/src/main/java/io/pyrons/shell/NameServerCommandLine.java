package io.pyrons.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code ns:} commands as typed in Felix's Gogo console and Karaf's shell. Each takes its words as they come
 * and parses them here, so that {@code ns:CMD --help} prints the usage and wrong arguments print it with one line
 * saying what is wrong, instead of Gogo's {@code Cannot coerce ...} (which typed methods get when no signature
 * fits). {@code --} ends the options (for a name or pattern that starts with '-'). What each command does is
 * {@link NameServerCommands}'s.
 */
@Component(service = NameServerCommandLine.class, property = {
        "osgi.command.scope=ns",
        "osgi.command.function=list",
        "osgi.command.function=listmatching",
        "osgi.command.function=lookup",
        "osgi.command.function=register",
        "osgi.command.function=remove",
        "osgi.command.function=removematching",
        "osgi.command.function=ping",
        "osgi.command.function=setmeta",
        "osgi.command.function=yplookup",
        "osgi.command.function=status",
        "osgi.command.function=names",
        "osgi.command.function=storage"
})
public class NameServerCommandLine {
    static final int MANY = Integer.MAX_VALUE;

    /** One command's command line: its operands (between {@code min} and {@code max}), and what it does. */
    record Syntax(String command, String operands, int min, int max, boolean remote, String description) {
    }

    private static final Map<String, Syntax> SYNTAX = Arrays.stream(new Syntax[] {
            new Syntax("list", "[PREFIX]", 0, 1, true,
                    "list all registrations, or those whose name starts with PREFIX"),
            new Syntax("listmatching", "REGEX", 1, 1, true,
                    "list the registrations whose name matches REGEX (at the start, as Python's re.match)"),
            new Syntax("lookup", "NAME", 1, 1, true, "look up one name: its URI and metadata"),
            new Syntax("register", "NAME URI", 2, 2, true,
                    "register NAME for URI (e.g. PYRO:obj@host:port); refused if NAME is registered"),
            new Syntax("remove", "NAME", 1, 1, true, "remove one name"),
            new Syntax("removematching", "REGEX", 1, 1, true, "remove every name matching REGEX"),
            new Syntax("ping", "", 0, 0, true, "check that the name server answers"),
            new Syntax("setmeta", "NAME [TAG...]", 1, MANY, true,
                    "replace the metadata of a registration (no tags: clear it)"),
            new Syntax("yplookup", "all|any TAG...", 2, MANY, true,
                    "yellow pages: the registrations carrying every tag (all) or one of them (any)"),
            new Syntax("status", "", 0, 0, true,
                    "where the name server listens, its storage, serializers and number of names"),
            new Syntax("names", "[PREFIX]", 0, 1, true,
                    "the registered names (under PREFIX), sorted; what Tab completes names from"),
            new Syntax("storage", "[TYPE[:LOCATION] | --unset]", 0, 1, false,
                    "show the storage setting, or switch the name server in this framework to another store "
                            + "(memory, sql:FILE, dbm:FILE; the names move when the new store is empty); --unset: "
                            + "the store an installed storage bundle offers, else memory"),
    }).collect(Collectors.toMap(Syntax::command, s -> s));

    /** A parsed command line. */
    record Words(String host, int port, String key, List<String> operands) {
        String operand(int i) {
            return i < operands.size() ? operands.get(i) : null;
        }

        String[] from(int i) {
            return operands.subList(Math.min(i, operands.size()), operands.size()).toArray(String[]::new);
        }
    }

    private final NameServerCommands commands;
    private final Supplier<PrintStream> out;

    @Activate
    public NameServerCommandLine(@Reference NameServerCommands commands) {
        this(commands, () -> System.out);
    }

    NameServerCommandLine(NameServerCommands commands, Supplier<PrintStream> out) {
        this.commands = commands;
        this.out = out;
    }

    public void list(Object... args) {
        run("list", args, w -> commands.list(w.host(), w.port(), w.key(), w.from(0)));
    }

    public void listmatching(Object... args) {
        run("listmatching", args, w -> commands.listmatching(w.host(), w.port(), w.key(), w.operand(0)));
    }

    public void lookup(Object... args) {
        run("lookup", args, w -> commands.lookup(w.host(), w.port(), w.key(), w.operand(0)));
    }

    public void register(Object... args) {
        run("register", args, w -> commands.register(w.host(), w.port(), w.key(), w.operand(0), w.operand(1)));
    }

    public void remove(Object... args) {
        run("remove", args, w -> commands.remove(w.host(), w.port(), w.key(), w.operand(0)));
    }

    public void removematching(Object... args) {
        run("removematching", args, w -> commands.removematching(w.host(), w.port(), w.key(), w.operand(0)));
    }

    public void ping(Object... args) {
        run("ping", args, w -> commands.ping(w.host(), w.port(), w.key()));
    }

    public void setmeta(Object... args) {
        run("setmeta", args, w -> commands.setmeta(w.host(), w.port(), w.key(), w.operand(0), w.from(1)));
    }

    public void yplookup(Object... args) {
        run("yplookup", args, w -> commands.yplookup(w.host(), w.port(), w.key(), w.operand(0), w.from(1)));
    }

    public void status(Object... args) {
        run("status", args, w -> commands.status(w.host(), w.port(), w.key()));
    }

    /** Returns the names (Gogo prints them; completion uses them). */
    public List<String> names(Object... args) {
        List<List<String>> names = new ArrayList<>();
        run("names", args, w -> names.add(commands.names(w.host(), w.port(), w.key(), w.operand(0))));
        return names.isEmpty() ? null : names.get(0);
    }

    public void storage(Object... args) {
        List<String> words = new ArrayList<>(args.length);
        boolean unset = false;
        for (Object arg : args) {
            String word = String.valueOf(arg);
            if (word.equals("--unset") || word.equals("-u")) {
                unset = true;
            } else {
                words.add(word);
            }
        }
        boolean clear = unset;
        run("storage", words.toArray(), w -> {
            if (clear && !w.operands().isEmpty()) {
                throw usageError("storage", "give a storage or --unset, not both");
            }
            if (clear) {
                commands.storage(null);
            } else if (w.operands().isEmpty()) {
                commands.status("", 0, "");
            } else {
                commands.storage(w.operand(0));
            }
        });
    }

    /** Parses {@code args} for {@code command} and runs {@code action}; --help prints the usage instead. */
    private void run(String command, Object[] args, Consumer<Words> action) {
        Syntax syntax = SYNTAX.get(command);
        Words words = parse(syntax, args);
        if (words == null) {
            out.get().print(usage(syntax));
            return;
        }
        CommandThread.run(command, () -> {
            action.accept(words);
            return null;
        });
    }

    /** The words of a command line, or null for --help; a {@link CommandFailure} after the usage when wrong. */
    Words parse(Syntax syntax, Object[] args) {
        String host = "";
        String port = "0";
        String key = "";
        List<String> operands = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String word = String.valueOf(args[i]);
            if (!options || !word.startsWith("-") || word.equals("-")) {
                operands.add(word);
                continue;
            }
            if (word.equals("--")) {
                options = false;
                continue;
            }
            if (word.equals("-h") || word.equals("--help")) {
                return null;
            }
            String name = word;
            String value = null;
            int equals = word.indexOf('=');
            if (word.startsWith("--") && equals > 0) {
                name = word.substring(0, equals);
                value = word.substring(equals + 1);
            }
            boolean remoteOption = switch (name) {
                case "-n", "--host", "-p", "--port", "-k", "--key" -> true;
                default -> false;
            };
            if (!syntax.remote() || !remoteOption) {
                throw usageError(syntax.command(), "unknown option " + name + " (use -- before an operand that "
                        + "starts with '-')");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw usageError(syntax.command(), "option " + name + " needs a value");
                }
                value = String.valueOf(args[++i]);
            }
            switch (name) {
                case "-n", "--host" -> host = value;
                case "-p", "--port" -> port = value;
                default -> key = value;
            }
        }
        if (operands.size() < syntax.min() || operands.size() > syntax.max()) {
            throw usageError(syntax.command(), "expected " + (syntax.operands().isEmpty() ? "no operands"
                    : syntax.operands()) + ", got " + (operands.isEmpty() ? "none" : String.join(" ", operands)));
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw usageError(syntax.command(), "the port must be a number, not '" + port + "'");
        }
        return new Words(host, portNumber, key, operands);
    }

    /** Prints the usage, then gives the one line for the failure. */
    private CommandFailure usageError(String command, String problem) {
        out.get().print(usage(SYNTAX.get(command)));
        return new CommandFailure("ns:" + command + ": " + problem);
    }

    static String usage(Syntax syntax) {
        StringBuilder text = new StringBuilder("usage: ns:").append(syntax.command())
                .append(syntax.remote() ? " [-n HOST] [-p PORT] [-k KEY]" : "")
                .append(syntax.operands().isEmpty() ? "" : " " + syntax.operands()).append('\n')
                .append(syntax.description()).append('\n');
        if (syntax.remote()) {
            text.append("  -n, --host HOST  host of a remote name server (default: the one in this framework)\n")
                    .append("  -p, --port PORT  port of a remote name server (default 9090 when a host is given)\n")
                    .append("  -k, --key KEY    HMAC key of a remote name server\n");
        }
        text.append("  -h, --help       show this usage\n");
        return text.toString();
    }
}
