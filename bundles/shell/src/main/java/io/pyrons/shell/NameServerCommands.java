package io.pyrons.shell;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PythonException;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.api.status.PartStatus;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.NameServerLocator;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.RemoteNameServer;
import io.pyrons.client.Serializers;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code ns:} Gogo commands, for Felix's Gogo console and Karaf's shell. By default they act on the name
 * server in this framework through its Java service; {@code --host}/{@code --port} send them over the wire to
 * a remote name server through {@link RemoteNameServer}. They print their output themselves (Karaf's ssh shell
 * drops returned values) and report a failure as one line by throwing {@link CommandFailure}.
 */
@Component(service = NameServerCommands.class, property = {
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
        "osgi.command.function=status"
})
public class NameServerCommands {
    /** The configuration property of io.pyrons.naming that names the storage; DS copies it onto the service. */
    static final String STORAGE_PROPERTY = "storage";

    private static final String HOST_HELP = "host of a remote name server (default: the one in this framework)";
    private static final String PORT_HELP = "port of a remote name server (default 9090 when a host is given)";
    private static final String KEY_HELP = "HMAC key of a remote name server";

    /** The name server in this framework, with its service properties. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Map.Entry<Map<String, Object>, NameServer> nameServer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PyroDaemon daemon;

    /** Installed serializers: shown by status, and the ones a remote call may use. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Serializer> serializers = List.of();

    /** The parts' status services; status shows the name server's ({@value PartStatus#NAME_SERVER}). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<PartStatus> parts = List.of();

    private final Supplier<PrintStream> out;

    /** Gogo and Karaf point System.out at the calling session's terminal for the duration of a command. */
    @Activate
    public NameServerCommands() {
        this(() -> System.out);
    }

    NameServerCommands(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Descriptor("list all registrations, or those whose name starts with a prefix")
    public void list(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("name prefix (optional)") String... prefix) {
        if (prefix.length > 1) {
            throw new CommandFailure("ns:list takes at most one prefix, got " + prefix.length);
        }
        withConsole(host, port, key, c -> c.list(prefix.length == 0 ? null : prefix[0]));
    }

    @Descriptor("list the registrations whose name matches a regular expression (matched at the start, as Python's re.match)")
    public void listmatching(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("regular expression") String pattern) {
        withConsole(host, port, key, c -> c.listMatching(pattern));
    }

    @Descriptor("look up one name: its URI and metadata")
    public void lookup(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("name") String name) {
        withConsole(host, port, key, c -> c.lookup(name));
    }

    @Descriptor("register a name (refused if the name is already registered)")
    public void register(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("name") String name,
            @Descriptor("Pyro URI, e.g. PYRO:obj@host:port") String uri) {
        withConsole(host, port, key, c -> c.register(name, uri));
    }

    @Descriptor("remove one name")
    public void remove(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("name") String name) {
        withConsole(host, port, key, c -> c.remove(name));
    }

    @Descriptor("remove every name matching a regular expression")
    public void removematching(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("regular expression") String pattern) {
        withConsole(host, port, key, c -> c.removeMatching(pattern));
    }

    @Descriptor("check that the name server answers")
    public void ping(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key) {
        withConsole(host, port, key, NameServerConsole::ping);
    }

    @Descriptor("replace the metadata of a registration (no tags: clear it)")
    public void setmeta(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("name") String name,
            @Descriptor("metadata tags") String... tags) {
        withConsole(host, port, key, c -> c.setMetadata(name, tags));
    }

    @Descriptor("yellow-pages lookup: 'all' lists the registrations carrying every tag, 'any' those carrying one")
    public void yplookup(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("all | any") String mode,
            @Descriptor("metadata tags") String... tags) {
        withConsole(host, port, key, c -> c.yplookup(mode, tags));
    }

    @Descriptor("where the name server listens, its storage, serializers and number of names")
    public void status(
            @Descriptor(HOST_HELP) @Parameter(names = {"-n", "--host"}, absentValue = "") String host,
            @Descriptor(PORT_HELP) @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor(KEY_HELP) @Parameter(names = {"-k", "--key"}, absentValue = "") String key) {
        NameServerTarget target = new NameServerTarget(host, port, key);
        StatusReport report = target.isLocal() ? run(this::localStatus) : withRemote(target, this::remoteStatus);
        report.print(out.get());
    }

    StatusReport localStatus() {
        Map.Entry<Map<String, Object>, NameServer> local = localNameServer();
        PyroDaemon d = daemon;
        Object storage = local.getKey().get(STORAGE_PROPERTY);
        Integer names;
        try {
            names = local.getValue().count();
        } catch (NamingError unavailable) {
            names = null; // the status line says why
        }
        return new StatusReport(
                d == null ? null : d.location(),
                d == null ? null : describe(d.boundAddress()),
                d == null ? null : d.uriFor(NameServer.OBJECT_ID).asString(),
                // no storage set: the name server picks the store a provider offers (the status line names it)
                storage == null || String.valueOf(storage).isBlank() ? "(not set)" : String.valueOf(storage),
                nameServerStatus(),
                installedSerializers(),
                d == null ? null : d.acceptedSerializers().stream().sorted().toList(),
                d == null ? null : d.connectionCount(),
                d == null ? null : d.objectIds().stream().sorted().toList(),
                names, otherPartsStatus());
    }

    /** The name server's {@link PartStatus} in one line: {@code up (detail)} or {@code unavailable: detail}. */
    String nameServerStatus() {
        for (PartStatus part : parts) {
            if (PartStatus.NAME_SERVER.equals(part.part())) {
                return oneLine(part);
            }
        }
        return null;
    }

    /**
     * The parts other than the daemon, name server and broadcast responder (whose state the other lines show),
     * e.g. a shared storage's {@code cluster}: part name to {@link #oneLine}.
     */
    java.util.SortedMap<String, String> otherPartsStatus() {
        java.util.SortedMap<String, String> others = new java.util.TreeMap<>();
        for (PartStatus part : parts) {
            String name = part.part();
            if (!name.equals(PartStatus.NAME_SERVER) && !name.equals(PartStatus.DAEMON)
                    && !name.equals(PartStatus.BROADCAST)) {
                others.put(name + " status", oneLine(part));
            }
        }
        return others;
    }

    private static String oneLine(PartStatus part) {
        PartStatus.State state = part.state();
        String detail = part.detail();
        return state.property() + (detail.isEmpty() ? ""
                : state == PartStatus.State.UP ? " (" + detail + ")" : ": " + detail);
    }

    /** A remote name server that cannot serve answers every call with a NamingError saying why; status shows it. */
    StatusReport remoteStatus(RemoteNameServer remote) {
        PyroProxy proxy = remote.proxy();
        Integer names;
        String state;
        try {
            names = remote.count();
            state = null;
        } catch (NamingError e) {
            names = null;
            state = e.getMessage();
        }
        return new StatusReport(proxy.uri().location(), null, proxy.uri().asString(), null, state, null, null, null,
                proxy.daemonRegistered().stream().sorted().toList(), names, new java.util.TreeMap<>());
    }

    List<String> installedSerializers() {
        return serializers.stream().sorted(Comparator.comparingInt(Serializer::id))
                .map(s -> s.name() + "(" + s.id() + ")").toList();
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private void withConsole(String host, int port, String key, Consumer<NameServerConsole> command) {
        NameServerTarget target = new NameServerTarget(host, port, key);
        if (target.isLocal()) {
            run(() -> {
                command.accept(new NameServerConsole(localNameServer().getValue(), out.get()));
                return null;
            });
        } else {
            withRemote(target, remote -> {
                command.accept(new NameServerConsole(remote, out.get()));
                return null;
            });
        }
    }

    private Map.Entry<Map<String, Object>, NameServer> localNameServer() {
        Map.Entry<Map<String, Object>, NameServer> local = nameServer;
        if (local == null) {
            throw new CommandFailure("no name server is running in this framework: is io.pyrons.naming active "
                    + "and configured? (or give --host/--port for a remote one)");
        }
        return local;
    }

    /** Opens a connection for this one command and closes it after. */
    private <T> T withRemote(NameServerTarget target, Function<RemoteNameServer, T> command) {
        return run(() -> {
            Serializers available = Serializers.of(serializers);
            NameServerLocator locator = new NameServerLocator(ClientConfig.defaults(), available);
            try (RemoteNameServer remote = new RemoteNameServer(
                    locator.locate(target.remoteHost(), target.remotePort(), false, target.remoteHmacKey()))) {
                return command.apply(remote);
            }
        });
    }

    /** Turns any failure into one clear line: Pyro errors by their Python class, others by their message. */
    static <T> T run(Supplier<T> command) {
        try {
            return command.get();
        } catch (CommandFailure e) {
            throw e;
        } catch (PythonException e) {
            throw new CommandFailure(e.pythonName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            String message = e.getMessage();
            throw new CommandFailure(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
        }
    }
}
