package io.pyrons.shell;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.pyrons.api.NameServer;
import io.pyrons.api.Registration;

/**
 * What each {@code ns:} command does to one name server and prints, independent of where that name server
 * is (this framework or the network) and of the console. Output mirrors {@code pyro4-nsc} where it has an
 * equivalent; listings are aligned columns.
 */
final class NameServerConsole {
    private final NameServer nameServer;
    private final PrintStream out;

    NameServerConsole(NameServer nameServer, PrintStream out) {
        this.nameServer = Objects.requireNonNull(nameServer, "nameServer");
        this.out = Objects.requireNonNull(out, "out");
    }

    void list(String prefix) {
        printRegistrations(nameServer.list(prefix, null, null, null));
    }

    void listMatching(String pattern) {
        printRegistrations(nameServer.list(null, pattern, null, null));
    }

    void lookup(String name) {
        Registration r = nameServer.lookupRegistration(name);
        Table table = new Table("NAME", "URI", "METADATA");
        table.row(r.name(), r.uri(), metadata(r.metadata()));
        table.print(out);
    }

    void register(String name, String uri) {
        nameServer.register(name, uri, true, null);
        out.println("Registered " + name);
    }

    void remove(String name) {
        int removed = nameServer.remove(name, null, null);
        out.println(removed > 0 ? "Removed " + name : "Nothing removed: " + name + " is not registered");
    }

    void removeMatching(String pattern) {
        int removed = nameServer.remove(null, null, pattern);
        out.println(removed + (removed == 1 ? " name removed" : " names removed"));
    }

    void ping() {
        nameServer.ping();
        out.println("Name server ping ok.");
    }

    void setMetadata(String name, String... tags) {
        Set<String> metadata = new LinkedHashSet<>(Arrays.asList(tags));
        nameServer.setMetadata(name, metadata);
        out.println(metadata.isEmpty() ? "Metadata of " + name + " cleared"
                : "Metadata of " + name + " set to " + metadata(metadata));
    }

    void yplookup(String mode, String... tags) {
        if (tags.length == 0) {
            throw new CommandFailure("give at least one metadata tag after '" + mode + "'");
        }
        List<String> wanted = Arrays.asList(tags);
        List<Registration> found = switch (mode) {
            case "all" -> nameServer.yplookup(wanted, null);
            case "any" -> nameServer.yplookup(null, wanted);
            default -> throw new CommandFailure("first argument must be 'all' or 'any', not '" + mode + "'");
        };
        printRegistrations(found);
    }

    void printRegistrations(List<Registration> registrations) {
        Table table = new Table("NAME", "URI", "METADATA");
        for (Registration r : registrations) {
            table.row(r.name(), r.uri(), metadata(r.metadata()));
        }
        table.print(out);
        out.println(table.size() + (table.size() == 1 ? " registration" : " registrations"));
    }

    /** Sorted so that the same registration always prints the same way. */
    static String metadata(Set<String> metadata) {
        return String.join(",", new TreeSet<>(metadata));
    }
}
