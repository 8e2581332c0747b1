package io.pyrons.client.nsc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.Serializers;
import io.pyrons.protocol.values.PythonRepr;
import io.pyrons.protocol.values.PythonTypes;

/**
 * The commands of pyro4-nsc 4.82 ({@code Pyro4.nsc.handleCommand}) over a name server proxy, printing what
 * Python prints; plus {@code yplookup_all}/{@code yplookup_any}, which call the pyrons name server's
 * {@code yplookup}; and {@code export FILE}/{@code import FILE}, which copy every registration with its metadata
 * from one name server (any Pyro4 one) into a {@link NameFile} and from it into another. An error of the call is printed as {@code Error: TYPE - MESSAGE}; a wrong number of
 * arguments ends the tool like Python's {@code SystemExit}.
 */
final class NscCommands {
    static final Set<String> NAMES = Set.of("register", "remove", "removematching", "list", "listmatching", "lookup",
            "listmeta_all", "listmeta_any", "setmeta", "ping", "yplookup_all", "yplookup_any", "export", "import",
            "health");
    /** The object a pyrons with its health bundle serves beside the name server (io.pyrons.health). */
    static final String HEALTH_OBJECT_ID = "Pyrons.Health";

    /** The name server's own registration, which export and import leave alone: each server has its own. */
    private static final String NAMESERVER_NAME = "Pyro.NameServer";

    private final PyroProxy nameserver;
    private final Serializers serializers;
    private final PrintStream out;
    private final BufferedReader in;

    NscCommands(PyroProxy nameserver, Serializers serializers, PrintStream out, BufferedReader in) {
        this.nameserver = nameserver;
        this.serializers = serializers;
        this.out = out;
        this.in = in;
    }

    void handle(List<String> args) {
        try {
            switch (args.get(0)) {
                case "ping" -> ping();
                case "list" -> listPrefix(args);
                case "listmatching" -> listRegex(args);
                case "lookup" -> lookup(args);
                case "register" -> register(args);
                case "remove" -> remove(args);
                case "removematching" -> removeRegex(args);
                case "setmeta" -> setMeta(args);
                case "listmeta_all" -> listMeta(args, "metadata_all");
                case "listmeta_any" -> listMeta(args, "metadata_any");
                case "yplookup_all" -> yplookup(args, "meta_all");
                case "yplookup_any" -> yplookup(args, "meta_any");
                case "export" -> export(args);
                case "import" -> importFile(args);
                case "health" -> health();
                default -> throw new IllegalArgumentException("unknown command " + args.get(0));
            }
        } catch (NscExit e) {
            throw e;
        } catch (PythonException e) {
            println("Error: " + e.pythonName() + " - " + PythonRepr.exceptionStr(e));
        } catch (RuntimeException e) {
            println("Error: " + e.getClass().getSimpleName() + " - " + (e.getMessage() == null ? "" : e.getMessage()));
        }
    }

    /**
     * One line and the exit status for scripts, systemd and containers: 0 when every health check of the name
     * server's daemon says OK (or WARN), 1 otherwise. A name server without health checks (pyro4-ns, or pyrons
     * without its health bundle) is judged by its ping alone, as the line says.
     */
    private void health() {
        PyroURI location = nameserver.uri();
        PyroURI uri = PyroURI.parse("PYRO:" + HEALTH_OBJECT_ID + "@" + location.location());
        List<?> results;
        try (PyroProxy health = new PyroProxy(uri, nameserver.config(), serializers)) {
            results = (List<?>) health.invoke("check");
        } catch (PythonException e) {
            // no such object: a DaemonError from pyrons, a refused connection (CONNECTFAIL) from pyro4-ns
            if (e.getMessage() == null || !e.getMessage().endsWith("unknown object")) {
                throw unhealthy(e.pythonName() + " - " + PythonRepr.exceptionStr(e));
            }
            nameserver.invoke("ping");
            println("healthy: the name server answers ping (it has no health checks)");
            return;
        }
        List<String> failing = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object row : results) {
            Map<?, ?> check = (Map<?, ?>) row;
            String status = String.valueOf(check.get("status"));
            names.add(check.get("name") + " " + status);
            if (!status.equals("OK") && !status.equals("WARN")) {
                failing.add(check.get("name") + " " + status + ": " + check.get("message"));
            }
        }
        if (!failing.isEmpty()) {
            throw unhealthy(String.join("; ", failing));
        }
        println("healthy: " + String.join(", ", names));
    }

    /** Says why on stdout, then ends the tool with status 1. */
    private NscExit unhealthy(String why) {
        println("unhealthy: " + why);
        return new NscExit(1, "");
    }

    private void ping() {
        nameserver.invoke("ping");
        println("Name server ping ok.");
    }

    private void listPrefix(List<String> args) {
        if (args.size() == 1) {
            printList(call("list", List.of(), kw("return_metadata", true)), "");
        } else {
            printList(call("list", List.of(), kw("prefix", args.get(1), "return_metadata", true)),
                    "- prefix '" + args.get(1) + "'");
        }
    }

    private void listRegex(List<String> args) {
        if (args.size() != 2) {
            throw NscExit.systemExit("requires one argument: pattern");
        }
        printList(call("list", List.of(), kw("regex", args.get(1), "return_metadata", true)), "- regex '" + args.get(1) + "'");
    }

    private void lookup(List<String> args) {
        if (args.size() != 2) {
            throw NscExit.systemExit("requires one argument: name");
        }
        List<Object> pair = unpack(call("lookup", List.of(args.get(1)), kw("return_metadata", true)), 2);
        println(PythonRepr.str(pair.get(0)));
        if (PythonTypes.truthy(pair.get(1))) {
            println("metadata: " + PythonRepr.str(pair.get(1)));
        }
    }

    private void register(List<String> args) {
        if (args.size() != 3) {
            throw NscExit.systemExit("requires two arguments: name uri");
        }
        call("register", List.of(args.get(1), args.get(2)), kw("safe", true));
        println("Registered " + args.get(1));
    }

    private void remove(List<String> args) {
        if (args.size() != 2) {
            throw NscExit.systemExit("requires one argument: name");
        }
        Object count = call("remove", List.of(args.get(1)), Map.of());
        println(((Number) count).longValue() > 0 ? "Removed " + args.get(1) : "Nothing removed");
    }

    private void removeRegex(List<String> args) {
        if (args.size() != 2) {
            throw NscExit.systemExit("requires one argument: pattern");
        }
        out.print("Potentially removing lots of items from the Name server. Are you sure (y/n)?");
        out.flush();
        String sure = readLine().strip();
        if (sure.equals("y") || sure.equals("Y")) {
            Object count = call("remove", List.of(), kw("regex", args.get(1)));
            println(((Number) count).longValue() + " items removed.");
        }
    }

    private void setMeta(List<String> args) {
        if (args.size() < 2) {
            throw NscExit.systemExit("requires at least 2 arguments: uri and zero or more meta tags");
        }
        Set<String> metadata = new LinkedHashSet<>(args.subList(2, args.size()));
        call("set_metadata", List.of(args.get(1), metadata), Map.of());
        println(metadata.isEmpty() ? "Metadata cleared" : "Metadata updated");
    }

    private void listMeta(List<String> args, String filter) {
        if (args.size() < 2) {
            throw NscExit.systemExit("requires at least one metadata tag argument");
        }
        Set<String> metadata = new LinkedHashSet<>(args.subList(1, args.size()));
        if (nameserver.config().protocol() == PyroProtocol.PYRO5) {
            // Pyro5's list has no metadata filters: its nsc's yplookup_all/_any are these commands
            String pyro5Filter = filter.equals("metadata_all") ? "meta_all" : "meta_any";
            printList(call("yplookup", List.of(), kw(pyro5Filter, metadata, "return_metadata", true)), " - searched by metadata");
            return;
        }
        printList(call("list", List.of(), kw(filter, metadata, "return_metadata", true)), " - searched by metadata");
    }

    private void yplookup(List<String> args, String filter) {
        if (args.size() < 2) {
            throw NscExit.systemExit("requires at least one metadata tag argument");
        }
        Set<String> metadata = new LinkedHashSet<>(args.subList(1, args.size()));
        printList(call("yplookup", List.of(), kw(filter, metadata, "return_metadata", true)), " - searched by metadata");
    }

    /**
     * Every registration but the name server's own (its URI is the exporting server's) into {@code FILE}, written
     * to a temporary file beside it and moved into place, so that a failed export leaves no half file.
     */
    private void export(List<String> args) {
        if (args.size() != 2) {
            throw NscExit.systemExit("requires one argument: file");
        }
        Object result = call("list", List.of(), kw("return_metadata", true));
        if (!(result instanceof Map<?, ?> map)) {
            throw PythonException.attributeError("'" + PythonTypes.nameOf(result) + "' object has no attribute 'items'");
        }
        List<NameFile.Registration> registrations = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = PythonRepr.str(e.getKey());
            if (!name.equals(NAMESERVER_NAME)) {
                List<Object> pair = unpack(e.getValue(), 2);
                registrations.add(new NameFile.Registration(name, PythonRepr.str(pair.get(0)), tags(pair.get(1))));
            }
        }
        registrations.sort((a, b) -> PythonRepr.compareCodePoints(a.name(), b.name()));
        Path file = Path.of(args.get(1)).toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temporary, NameFile.write(registrations), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new PythonException("builtins.OSError", "cannot write " + file + ": " + e);
        }
        println("Exported " + registrations.size() + " registrations to " + args.get(1));
    }

    /**
     * Registers every name of {@code FILE} with its metadata, never replacing one the name server has already
     * ({@code safe=True}): a name that fails (already registered, or refused) is reported with the server's error
     * and the rest go on; then the tool ends with status 1, so that no name is lost without a word.
     */
    private void importFile(List<String> args) {
        if (args.size() != 2) {
            throw NscExit.systemExit("requires one argument: file");
        }
        List<NameFile.Registration> registrations;
        try {
            registrations = NameFile.read(Files.readString(Path.of(args.get(1)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PythonException("builtins.OSError", "cannot read " + args.get(1) + ": " + e);
        } catch (IllegalArgumentException e) {
            throw PythonException.valueError(args.get(1) + ": " + e.getMessage());
        }
        int imported = 0;
        int failed = 0;
        for (NameFile.Registration r : registrations) {
            if (r.name().equals(NAMESERVER_NAME)) {
                continue;
            }
            try {
                call("register", List.of(r.name(), r.uri()),
                        kw("safe", true, "metadata", new TreeSet<>(r.metadata())));
                imported++;
            } catch (PythonException e) {
                failed++;
                println("Not imported " + r.name() + ": " + e.pythonName() + " - " + PythonRepr.exceptionStr(e));
            }
        }
        println("Imported " + imported + " registrations from " + args.get(1)
                + (failed > 0 ? "; " + failed + " not imported" : ""));
        if (failed > 0) {
            throw new NscExit(1, "");
        }
    }

    private static Set<String> tags(Object metadata) {
        Set<String> tags = new TreeSet<>();
        if (metadata instanceof Object[] tuple) {
            for (Object tag : tuple) {
                tags.add(PythonRepr.str(tag));
            }
        } else if (metadata instanceof Collection<?> collection) {
            collection.forEach(tag -> tags.add(PythonRepr.str(tag)));
        } else if (metadata != null) {
            throw PythonException.typeError("metadata is not a collection: " + PythonTypes.nameOf(metadata));
        }
        return tags;
    }

    /** Pyro4 nsc's {@code printListResult}: sorted by name, metadata (a list) printed when not empty. */
    private void printList(Object result, String title) {
        if (!(result instanceof Map<?, ?> map)) {
            throw PythonException.attributeError("'" + PythonTypes.nameOf(result) + "' object has no attribute 'items'");
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort((a, b) -> PythonRepr.compareCodePoints(PythonRepr.str(a.getKey()), PythonRepr.str(b.getKey())));
        StringBuilder text = new StringBuilder("--------START LIST " + title + "\n");
        for (Map.Entry<?, ?> e : entries) {
            List<Object> pair = unpack(e.getValue(), 2);
            text.append(PythonRepr.str(e.getKey())).append(" --> ").append(PythonRepr.str(pair.get(0))).append('\n');
            if (PythonTypes.truthy(pair.get(1))) {
                text.append("    metadata: ").append(PythonRepr.str(pair.get(1))).append('\n');
            }
        }
        text.append("--------END LIST ").append(title).append('\n');
        out.print(text);
        out.flush();
    }

    private Object call(String method, List<?> args, Map<String, ?> kwargs) {
        return nameserver.invoke(method, args, kwargs);
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new PythonException("builtins.EOFError", "EOF when reading a line");
            }
            return line;
        } catch (IOException e) {
            throw new PythonException("builtins.OSError", e.getMessage());
        }
    }

    private void println(String line) {
        out.print(line + "\n");
        out.flush();
    }

    private static Map<String, Object> kw(Object... keysAndValues) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            kwargs.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return kwargs;
    }

    /** Python's tuple unpacking {@code a, b = value}, with its error. */
    private static List<Object> unpack(Object value, int count) {
        List<Object> items;
        if (value instanceof Object[] tuple) {
            items = java.util.Arrays.asList(tuple);
        } else if (value instanceof Collection<?> c) {
            items = new ArrayList<>(c);
        } else {
            throw PythonException.typeError("cannot unpack non-iterable " + PythonTypes.nameOf(value) + " object");
        }
        if (items.size() != count) {
            throw PythonException.valueError(items.size() > count
                    ? "too many values to unpack (expected " + count + ")"
                    : "not enough values to unpack (expected " + count + ", got " + items.size() + ")");
        }
        return items;
    }
}
