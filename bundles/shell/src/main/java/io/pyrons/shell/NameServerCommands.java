package io.pyrons.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.management.DynamicMBean;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroProtocol;
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
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What the {@code ns:} commands do (their command lines are {@link NameServerCommandLine}'s). By default they act
 * on the name server in this framework through its Java service; {@code --host}/{@code --port} send them over the
 * wire to a remote name server through {@link RemoteNameServer}. They print their output themselves (Karaf's ssh
 * shell drops returned values) and report a failure as one line by throwing {@link CommandFailure}.
 */
@Component(service = NameServerCommands.class)
public class NameServerCommands {
    /** The configuration property of io.pyrons.naming that names the storage; DS copies it onto the service. */
    static final String STORAGE_PROPERTY = "storage";
    static final String NAMING_PID = "io.pyrons.naming";

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

    /** Where {@code ns:storage} writes the name server's configuration; absent in a framework without one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configurationAdmin;

    /** The daemon's figures (its MBean service); status shows the headline ones. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(jmx.objectname=" + DaemonFigures.OBJECT_NAME + ")")
    volatile DynamicMBean daemonFigures;

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
        if (target.isLocal()) {
            DaemonFigures.print(daemonFigures, out.get());
        }
    }

    /** The registered names (under {@code prefix}, when not empty), sorted: what completion offers. */
    public List<String> names(String host, int port, String key, String prefix) {
        NameServerTarget target = new NameServerTarget(host, port, key);
        String under = prefix == null || prefix.isEmpty() ? null : prefix;
        Function<NameServer, List<String>> names = ns -> ns.list(under, null, null, null).stream()
                .map(io.pyrons.api.Registration::name).sorted().toList();
        return target.isLocal() ? run(() -> names.apply(localNameServer().getValue())) : withRemote(target, names::apply);
    }

    /**
     * Sets the {@code storage} of {@value #NAMING_PID} (the name server switches, moving its names when the new
     * store is empty), or removes it ({@code null}: the store an installed storage bundle offers, else memory).
     */
    public void storage(String setting) {
        run(() -> {
            ConfigurationAdmin admin = configurationAdmin;
            if (admin == null) {
                throw new CommandFailure("no Configuration Admin in this framework: cannot change " + NAMING_PID);
            }
            try {
                Configuration configuration = admin.getConfiguration(NAMING_PID, "?");
                Dictionary<String, Object> properties = configuration.getProperties();
                Dictionary<String, Object> changed = properties == null ? new Hashtable<>() : properties;
                if (setting == null) {
                    changed.remove(STORAGE_PROPERTY);
                } else {
                    changed.put(STORAGE_PROPERTY, setting);
                }
                configuration.update(changed);
            } catch (IOException e) {
                throw new CommandFailure("cannot write " + NAMING_PID + ": " + e.getMessage());
            }
            out.get().println(setting == null ? "storage unset: the name server uses the store an installed storage "
                    + "bundle offers, else memory (ns:status shows it)"
                    : "storage set to " + setting + " (ns:status shows the name server's state)");
            return null;
        });
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
                d == null ? null : protocols(d),
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
        return new StatusReport(proxy.uri().location(), null, proxy.uri().asString(), null, state, null, null, null, null,
                proxy.daemonRegistered().stream().sorted().toList(), names, new java.util.TreeMap<>());
    }

    /** {@code pyro4: 2 connections, 15 requests; pyro5: ...}, or null when the daemon does not count by protocol. */
    static String protocols(PyroDaemon daemon) {
        Map<PyroProtocol, Integer> connections = daemon.connectionsByProtocol();
        Map<PyroProtocol, Long> messages = daemon.requestsByProtocol();
        if (connections.isEmpty() && messages.isEmpty()) {
            return null;
        }
        List<String> parts = new java.util.ArrayList<>();
        for (PyroProtocol p : PyroProtocol.values()) {
            parts.add(p.configName() + ": " + connections.getOrDefault(p, 0) + " connections, "
                    + messages.getOrDefault(p, 0L) + " requests");
        }
        return String.join("; ", parts);
    }

    /** {@code name(Pyro4 id/Pyro5 id)}, {@code -} for a protocol the serializer is not offered to. */
    List<String> installedSerializers() {
        return serializers.stream().sorted(Comparator.comparing(Serializer::name))
                .map(s -> s.name() + "(" + id(s, PyroProtocol.PYRO4) + "/" + id(s, PyroProtocol.PYRO5) + ")").toList();
    }

    private static String id(Serializer serializer, PyroProtocol protocol) {
        OptionalInt id = serializer.id(protocol);
        return id.isPresent() ? String.valueOf(id.getAsInt()) : "-";
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
