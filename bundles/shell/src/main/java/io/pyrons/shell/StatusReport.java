package io.pyrons.shell;

import java.io.PrintStream;
import java.util.List;

/**
 * What {@code ns:status} shows. A field is {@code null} where the name server in question cannot tell it
 * (a remote name server does not say what storage it uses); such lines are left out.
 *
 * @param location    where the server listens, as Pyro4 prints it ({@code host:port} or {@code ./u:path})
 * @param boundAddress the socket address it is bound to
 * @param nameServerUri the URI of {@code Pyro.NameServer}
 * @param storage     the configured storage ({@code memory}, {@code sql:FILE}, ...)
 * @param nameServerStatus whether the name server serves and from which store, or why not ({@code up (memory)},
 *                    {@code unavailable: storage backend 'sql' is not installed}), after a switch with what
 *                    happened to the names
 * @param serializers the serializers installed, as {@code name(Pyro4 id/Pyro5 id)}
 * @param accepted    the serializer names the configuration accepts
 * @param connections the number of open client connections
 * @param protocols   per wire protocol, its open connections and the requests its clients sent ({@code null}: unknown)
 * @param objects     the ids of the objects the daemon serves
 * @param names       the number of registrations, or {@code null} while the name server cannot tell
 * @param otherParts  every other part's status by part name, in the form of {@code nameServerStatus} (e.g. a
 *                    storage's {@code cluster} connection: members, leader, last change applied); empty for a
 *                    remote name server
 */
record StatusReport(String location, String boundAddress, String nameServerUri, String storage,
                    String nameServerStatus, List<String> serializers, List<String> accepted, Integer connections,
                    String protocols,
                    List<String> objects, Integer names, java.util.SortedMap<String, String> otherParts) {

    void print(PrintStream out) {
        Table table = new Table("", "");
        table.row("listening on", location);
        table.row("bound to", boundAddress);
        table.row("name server", nameServerUri);
        table.row("storage", storage);
        table.row("name server status", nameServerStatus);
        table.row("serializers installed", serializers == null ? null
                : serializers.isEmpty() ? "none" : String.join(", ", serializers));
        table.row("serializers accepted", accepted == null ? null
                : accepted.isEmpty() ? "none" : String.join(", ", accepted));
        table.row("open connections", connections);
        table.row("protocols", protocols);
        table.row("objects served", objects == null ? null : String.join(", ", objects));
        table.row("names", names);
        otherParts.forEach((part, status) -> table.row(part, status));
        table.printKeyValues(out);
    }
}
