package io.pyrons.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.util.tracker.ServiceTracker;

import io.pyrons.api.NameServer;
import io.pyrons.api.expose.PyroDaemon;

/**
 * pyro-ns in the pyrons runtime: turns the command line (from the bnd launcher's {@value #ARGUMENTS} service
 * property) and the {@code PYRO_*} environment into the configurations {@code io.pyrons.server},
 * {@code io.pyrons.naming} and {@code io.pyrons.broadcast}, prints pyro4-ns's startup lines once the name server
 * service appears and {@code NS shut down.} when it goes, and ends the process with pyro4-ns's exit statuses.
 * <p>
 * The exit status reaches the bnd launcher through its main-thread protocol: a {@link Callable} service with
 * {@code main.thread=true} that the launcher calls on its main thread; when it returns, the launcher stops the
 * framework and exits with the returned status. On Ctrl-C or SIGTERM the JVM exits without stopping the framework
 * (the bnd launcher has no hook for that), so a shutdown hook of ours disables the name server's components first:
 * sockets close and {@code NS shut down.} is printed, as pyro4-ns does. The startup lines come as soon as the name
 * server runs, while the last bundles (the console) may still be starting; {@link StopSignals} holds a Ctrl-C or
 * SIGTERM until they have. This is the only place in pyrons
 * that reads argv or the environment; it is not part of the Karaf features.
 */
@Component(immediate = true, service = {})
public class PyroNsLauncher {
    static final String ARGUMENTS = "launcher.arguments";
    static final String BROADCAST_BUNDLE = "io.pyrons.broadcast";
    static final String STORAGE_BUNDLE_PREFIX = "io.pyrons.storage.";
    static final String BROADCAST_LOCATION = "pyrons.broadcast.location";
    /** How long the name server may take to appear before the launch is given up with a diagnosis. */
    static final long START_TIMEOUT_MILLIS = 30_000;
    static final long POLL_MILLIS = 25;
    static final long STOP_TIMEOUT_MILLIS = 10_000;
    /** How long Ctrl-C or SIGTERM during the start waits for the bundles still starting (the console). */
    static final long STARTED_TIMEOUT_MILLIS = 5_000;

    private final BundleContext context;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final NameServerComponents components;
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    private final ServiceRegistration<?> mainThread;
    private final Object lock = new Object();
    private ScheduledExecutorService watchdog;
    private ServiceTracker<Object, Object> tracker;
    private Thread shutdownHook;
    private StopSignals stopSignals;
    private boolean announced;

    @Activate
    public PyroNsLauncher(BundleContext context,
                          @Reference(name = "launcher", service = Object.class, target = "(" + ARGUMENTS + "=*)")
                          Map<String, Object> launcher,
                          @Reference ConfigurationAdmin configurationAdmin,
                          @Reference ServiceComponentRuntime scr) {
        ConsoleLogging.install();
        GogoHome.prepare();
        this.context = context;
        this.components = new NameServerComponents(context, scr);
        this.mainThread = registerMainThread();
        List<String> args = arguments(launcher.get(ARGUMENTS));
        LaunchPlan plan;
        try {
            plan = LaunchPlan.of(args, System.getenv(), installed());
        } catch (LaunchStop stop) {
            exit(stop.status, stop.stdout, stop.stderr);
            return;
        }
        err.print(plan.warnings());
        err.flush();
        shutdownHook = new Thread(this::closeNameServer, "pyro-ns shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        stopSignals = StopSignals.install(this::allBundlesStarted, STARTED_TIMEOUT_MILLIS);
        // Announced as soon as the name server answers, as pyro4-ns does: the bnd launcher may still be starting the
        // last bundles (the console), which the name server does not need; a stop waits for them (StopSignals).
        tracker = trackNameServer(plan.settings());
        try {
            configure(configurationAdmin, plan.settings());
        } catch (IOException e) {
            exit(1, "", PyroNsOptionParser.PROG + ": error: cannot write the configuration: " + e.getMessage() + "\n");
            return;
        }
        watch();
    }

    @Deactivate
    void deactivate() {
        if (stopSignals != null) {
            stopSignals.uninstall();
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (tracker != null) {
            tracker.close();
        }
        reportShutdown();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
        exitStatus.complete(0);
        try {
            mainThread.unregister();
        } catch (IllegalStateException e) {
            // unregistered with the bundle
        }
    }

    private ServiceRegistration<?> registerMainThread() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("main.thread", "true");
        return context.registerService(Callable.class, new MainThread(exitStatus), props);
    }

    /**
     * The bnd launcher's main thread waits here for the exit status. A named class, not a lambda: the launcher
     * checks that the service's class implements {@code Callable<Integer>}.
     */
    record MainThread(CompletableFuture<Integer> exitStatus) implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return exitStatus.get();
        }
    }

    static List<String> arguments(Object value) {
        return value instanceof String[] array ? Arrays.asList(array) : List.of();
    }

    /**
     * What this runtime holds, judged by the bundles installed: the launcher runs before the other bundles have
     * started (the bnd launcher installs every bundle, then starts them in order), so their services may not
     * exist yet. A bundle that is installed but never provides its service shows up in the start watchdog.
     */
    private LaunchPlan.Installed installed() {
        return new LaunchPlan.Installed() {
            @Override
            public boolean hasStorage(String type) {
                return bundle(STORAGE_BUNDLE_PREFIX + type) != null;
            }

            @Override
            public boolean hasBroadcastResponder() {
                return bundle(BROADCAST_BUNDLE) != null;
            }
        };
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .filter(b -> b.getState() != Bundle.UNINSTALLED)
                .findFirst().orElse(null);
    }

    private void configure(ConfigurationAdmin admin, NameServerSettings settings) throws IOException {
        admin.getConfiguration(NameServerSettings.SERVER_PID, "?").update(new Hashtable<>(settings.serverConfiguration()));
        admin.getConfiguration(NameServerSettings.NAMING_PID, "?").update(new Hashtable<>(settings.namingConfiguration()));
        if (bundle(BROADCAST_BUNDLE) != null) {
            admin.getConfiguration(NameServerSettings.BROADCAST_PID, "?")
                    .update(new Hashtable<>(settings.broadcastConfiguration()));
        }
    }

    /**
     * Announces the name server once it and the daemon serving it are registered, and the broadcast responder
     * too where one is to run, so that its line tells where it really listens.
     */
    private ServiceTracker<Object, Object> trackNameServer(NameServerSettings settings) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(|(" + Constants.OBJECTCLASS + "=" + NameServer.class.getName() + ")("
                    + Constants.OBJECTCLASS + "=" + PyroDaemon.class.getName() + ")(" + BROADCAST_LOCATION + "=*))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceTracker<Object, Object> t = new ServiceTracker<>(context, filter, null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                Object service = super.addingService(reference);
                announce(settings);
                return service;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object service) {
                reportShutdown();
                super.removedService(reference, service);
            }
        };
        t.open();
        return t;
    }

    private void announce(NameServerSettings settings) {
        synchronized (lock) {
            if (announced || exitStatus.isDone()) {
                return;
            }
            NameServer nameServer = service(NameServer.class);
            PyroDaemon daemon = service(PyroDaemon.class);
            if (nameServer == null || daemon == null) {
                return;
            }
            String broadcastLocation = broadcastLocation();
            if (broadcastLocation == null && broadcastExpected(settings, daemon)) {
                return;
            }
            StartupReport report = new StartupReport(settings, daemon.location(), daemon.boundAddress(),
                    nameServer.count(), broadcastLocation,
                    daemon.uriFor(NameServer.OBJECT_ID).asString(), daemon.internalUriFor(NameServer.OBJECT_ID).asString());
            out.print(report.text());
            out.flush();
            announced = true;
        }
    }

    private void reportShutdown() {
        synchronized (lock) {
            if (announced) {
                announced = false;
                out.print(StartupReport.SHUTDOWN);
                out.flush();
            }
        }
    }

    private <S> S service(Class<S> type) {
        ServiceReference<S> reference = context.getServiceReference(type);
        return reference == null ? null : context.getService(reference);
    }

    /** Where the broadcast responder answers, {@code null} while none runs. */
    private String broadcastLocation() {
        try {
            ServiceReference<?>[] running = context.getServiceReferences((String) null, "(" + BROADCAST_LOCATION + "=*)");
            return running == null ? null : String.valueOf(running[0].getProperty(BROADCAST_LOCATION));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a broadcast responder will run: installed, enabled, and the daemon on a non-loopback IPv4 address. */
    private boolean broadcastExpected(NameServerSettings settings, PyroDaemon daemon) {
        return settings.enableBroadcast() && bundle(BROADCAST_BUNDLE) != null
                && daemon.boundAddress() instanceof java.net.InetSocketAddress inet
                && inet.getAddress() instanceof java.net.Inet4Address
                && !inet.getAddress().isLoopbackAddress();
    }

    /** Gives up with a clear message when the name server fails to start (a port in use) or never appears. */
    private void watch() {
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pyro-ns start watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        watchdog.scheduleWithFixedDelay(() -> {
            synchronized (lock) {
                if (announced || exitStatus.isDone()) {
                    watchdog.shutdown();
                    return;
                }
            }
            var failure = components.failedActivation();
            if (failure.isPresent()) {
                exit(1, "", PyroNsOptionParser.PROG + ": error: the name server could not start: " + failure.get() + "\n");
            } else if (System.nanoTime() > deadline) {
                exit(1, "", PyroNsOptionParser.PROG + ": error: the name server did not start within "
                        + START_TIMEOUT_MILLIS / 1000 + " s: " + components.waitingFor() + "\n");
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether every bundle has started (fragments never do): nothing more writes to the framework storage. */
    private boolean allBundlesStarted() {
        try {
            return Arrays.stream(context.getBundles()).allMatch(b -> b.getState() == Bundle.ACTIVE
                    || b.getHeaders("").get(Constants.FRAGMENT_HOST) != null);
        } catch (IllegalStateException e) {
            return true; // our bundle is stopping: so is the framework
        }
    }

    private void exit(int status, String stdout, String stderr) {
        out.print(stdout);
        out.flush();
        err.print(stderr);
        err.flush();
        exitStatus.complete(status);
    }

    /** Shutdown hook: close the name server's components so that sockets close and the shutdown line is printed. */
    private void closeNameServer() {
        try {
            components.close(STOP_TIMEOUT_MILLIS);
        } catch (Exception e) {
            err.println(PyroNsOptionParser.PROG + ": error while shutting down: " + e);
        }
        reportShutdown();
    }
}
