package io.pyrons.itests.felix;

import static org.junit.Assert.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.api.status.PartStatus;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.RemoteNameServer;
import io.pyrons.client.Serializers;

/**
 * What every Felix test needs: the framework of {@link PyronsOptions}, configurations written through
 * Configuration Admin (the daemon on 127.0.0.1 with a free port, memory storage, no broadcast), and clients
 * that talk to the name server over a real socket with {@code io.pyrons.client}.
 */
public abstract class PyronsTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String SERVER = "io.pyrons.server";
    static final String NAMING = "io.pyrons.naming";
    static final String BROADCAST = "io.pyrons.broadcast";

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return PyronsOptions.core();
    }

    @After
    public void closeClients() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        toClose.clear();
    }

    /** Writes the three configurations (when not there yet) and waits until the name server is up. */
    protected void startNameServer() throws Exception {
        if (configAdmin.getConfiguration(SERVER, "?").getProperties() == null) {
            update(BROADCAST, props("enabled", false));
            update(NAMING, props("storage", "memory"));
            update(SERVER, props("host", "127.0.0.1", "port", 0));
        }
        assertNotNull("io.pyrons.naming's NameServer service", await(NameServer.class));
        awaitServed(NameServer.OBJECT_ID);
    }

    /** Waits until the daemon serves {@code objectId}: registering the service is not enough, the daemon must pick it up. */
    protected void awaitServed(String objectId) throws InterruptedException {
        PyroDaemon daemon = await(PyroDaemon.class);
        assertNotNull("the PyroDaemon service", daemon);
        try {
            Await.until("the daemon to serve " + objectId, TIMEOUT, () -> daemon.objectIds().contains(objectId));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it serves " + daemon.objectIds(), e);
        }
    }

    /** The name server's {@link PartStatus}, or null while it has none. */
    protected PartStatus nameServerStatus() throws InvalidSyntaxException {
        for (ServiceReference<PartStatus> ref : context.getServiceReferences(PartStatus.class,
                "(" + PartStatus.PART + "=" + PartStatus.NAME_SERVER + ")")) {
            return context.getService(ref);
        }
        return null;
    }

    /** Waits until the name server's status is {@code state} with a detail that starts with {@code detailStart}. */
    protected PartStatus awaitNameServerStatus(PartStatus.State state, String detailStart) throws Exception {
        Await.until("the name server " + state + " with " + detailStart, TIMEOUT, () -> {
            try {
                PartStatus status = nameServerStatus();
                return status != null && status.state() == state && status.detail().startsWith(detailStart);
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        return nameServerStatus();
    }

    /** Runs one Gogo command line as a user types it; returns what it printed. */
    protected String shell(String commandLine) throws Exception {
        CommandProcessor processor = await(CommandProcessor.class);
        assertNotNull("Gogo's CommandProcessor", processor);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            session.execute(commandLine);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    protected void update(String pid, Dictionary<String, Object> properties) throws IOException {
        configAdmin.getConfiguration(pid, "?").update(properties);
    }

    protected static Dictionary<String, Object> props(Object... keyValues) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    protected <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            return tracker.waitForService(TIMEOUT.toMillis());
        } finally {
            tracker.close();
        }
    }

    protected <T> T service(Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }

    protected int port() throws InterruptedException {
        PyroDaemon daemon = await(PyroDaemon.class);
        assertNotNull("the PyroDaemon service", daemon);
        return ((InetSocketAddress) daemon.boundAddress()).getPort();
    }

    /** The serializers installed right now, as a client in this framework would see them. */
    protected Serializers installedSerializers() throws Exception {
        List<Serializer> found = new ArrayList<>();
        for (ServiceReference<Serializer> ref : context.getServiceReferences(Serializer.class, null)) {
            found.add(context.getService(ref));
        }
        return Serializers.of(found);
    }

    /** A client of the name server over TCP, speaking {@code serializer}; closed after the test. */
    protected RemoteNameServer client(String serializer, Serializers serializers) throws Exception {
        PyroProxy proxy = new PyroProxy(PyroURI.pyro(NameServer.OBJECT_ID, "127.0.0.1", port()),
                ClientConfig.defaults().withSerializer(serializer).withCommTimeout(Duration.ofSeconds(10)),
                serializers);
        RemoteNameServer remote = new RemoteNameServer(proxy);
        toClose.add(remote);
        return remote;
    }

    protected RemoteNameServer client(String serializer) throws Exception {
        return client(serializer, installedSerializers());
    }

    /** Installs and starts one of our jars (see {@link PyronsBundles}). */
    protected Bundle install(String name) throws IOException, BundleException {
        File jar = PyronsBundles.jar(name).orElseThrow(() -> new IllegalStateException("no jar for " + name));
        try (InputStream in = new FileInputStream(jar)) {
            Bundle bundle = context.installBundle(jar.toURI().toString(), in);
            bundle.start();
            return bundle;
        }
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** The names of {@code registrations}, as a set. */
    protected static Set<String> nameSet(List<Registration> registrations) {
        return registrations.stream().map(Registration::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
