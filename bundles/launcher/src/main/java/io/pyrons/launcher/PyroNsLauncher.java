package io.pyrons.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
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
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.pyrons.api.NameServer;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.status.PartStatus;
import io.pyrons.protocol.logging.PyroLogging;

/**
 * pyro-ns in the pyrons runtime: turns the command line (from the bnd launcher's {@value #ARGUMENTS} service
 * property) and the {@code PYRO_*} environment into the configurations {@code io.pyrons.server},
 * {@code io.pyrons.naming} and {@code io.pyrons.broadcast}, follows the parts' {@link PartStatus} services until the
 * name server runs, prints pyro4-ns's startup lines then and {@code NS shut down.} when the daemon goes, and ends
 * the process with pyro4-ns's exit statuses. A part that cannot start (a port in use, a storage backend that is not
 * installed, a corrupt store) says why in its status; that line is what pyro-ns prints. The launcher knows no
 * bundle or component of the parts it starts.
 * <p>
 * The exit status reaches the bnd launcher through its main-thread protocol: a {@link Callable} service with
 * {@code main.thread=true} that the launcher calls on its main thread; when it returns, the launcher stops the
 * framework and exits with the returned status. Ctrl-C and SIGTERM take the same way ({@link StopSignals}): every
 * component is deactivated in the reverse order of the start, so sockets close, before the JVM exits. This is the
 * only place in pyrons that reads argv or the environment; it is not part of the Karaf features.
 */
@Component(immediate = true, service = {})
public class PyroNsLauncher {
    static final String ARGUMENTS = "launcher.arguments";
    /** How long the parts may take to report before the launch is given up, naming what is missing. */
    static final long START_TIMEOUT_MILLIS = 30_000;
    /** After {@link #START_TIMEOUT_MILLIS}, how often the watchdog looks whether the parts' reports still change. */
    static final long PROGRESS_CHECK_MILLIS = 5_000;
    /** The longest start while reports keep changing. */
    static final long PROGRESS_LIMIT_SECONDS = 1800;
    /** How long a stop waits for the framework before the JVM exits regardless. */
    static final long STOP_TIMEOUT_MILLIS = 10_000;
    /** How long Ctrl-C or SIGTERM during the start waits for the bundles still starting (the console). */
    static final long STARTED_TIMEOUT_MILLIS = 5_000;
    /** The services the start is judged by. */
    static final String FOLLOWED = "(|(" + Constants.OBJECTCLASS + "=" + PartStatus.class.getName() + ")("
            + Constants.OBJECTCLASS + "=" + NameServer.class.getName() + ")(" + Constants.OBJECTCLASS + "="
            + PyroDaemon.class.getName() + "))";

    /** Where the launch stands: announcing, once, and then only waiting for the daemon to go. */
    private enum Phase { STARTING, RUNNING, SHUT_DOWN }

    /** The start and the stop as pyro-ns prints them, for a log that keeps them (the console drops a failed start's). */
    private static final System.Logger LOG = System.getLogger("io.pyrons.launcher");

    private final ConsoleLogging console;
    private final BundleContext context;
    /** The system bundle: kept, because a stop outlives this bundle's context. */
    private final Bundle framework;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    private final ServiceRegistration<?> mainThread;
    private final Object lock = new Object();
    private final ServiceListener serviceListener = this::serviceChanged;
    private final BundleListener bundleListener = this::bundleChanged;
    private final FrameworkListener frameworkListener = this::frameworkChanged;
    private NameServerSettings settings;
    private ScheduledExecutorService watchdog;
    private long watchdogStarted;
    /** The parts' reports when the watchdog last looked (under {@link #lock}). */
    private Map<String, StartupProgress.PartReport> reportsAtLastCheck;
    private Thread shutdownHook;
    private StopSignals stopSignals;
    private Phase phase = Phase.STARTING;
    /**
     * Every bundle has started, as seen from an asynchronous bundle or framework event: those are delivered after
     * the synchronous listeners of the same event have run, and Declarative Services registers a starting bundle's
     * services (a storage backend) in one of those. A bundle's state alone says ACTIVE a moment earlier.
     */
    private boolean allStarted;

    @Activate
    public PyroNsLauncher(BundleContext context,
                          @Reference(name = "launcher", service = Object.class, target = "(" + ARGUMENTS + "=*)")
                          Map<String, Object> launcher,
                          @Reference ConfigurationAdmin configurationAdmin) {
        Map<String, String> environment = System.getenv();
        PyroLogging.Setup log = PyroLogging.OFF;
        LaunchStop badLog = null;
        try {
            log = LaunchPlan.logging(environment);
        } catch (LaunchStop stop) {
            badLog = stop; // ends the launch below, once it can exit
        }
        this.console = ConsoleLogging.install(log);
        GogoHome.prepare(context);
        this.context = context;
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        this.mainThread = registerMainThread();
        List<String> args = arguments(launcher.get(ARGUMENTS));
        LaunchPlan plan;
        try {
            if (badLog != null) {
                throw badLog;
            }
            plan = LaunchPlan.of(args, environment);
        } catch (LaunchStop stop) {
            exit(stop.status, stop.stdout, stop.stderr);
            return;
        }
        settings = plan.settings();
        err.print(plan.warnings());
        err.flush();
        shutdownHook = new Thread(this::stopFrameworkAtExit, "pyro-ns shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        stopSignals = StopSignals.install(GogoHome.interactive() ? StopSignals.CONSOLE_SIGNALS : StopSignals.SIGNALS,
                this::allBundlesStarted, STARTED_TIMEOUT_MILLIS, this::stop);
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pyro-ns start watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdogStarted = System.nanoTime();
        watchdog.schedule(this::giveUp, START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            context.addServiceListener(serviceListener, FOLLOWED);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        context.addBundleListener(bundleListener);
        context.addFrameworkListener(frameworkListener);
        noteWhetherAllStarted(); // in case no bundle is left to start
        try {
            configure(configurationAdmin, settings);
        } catch (IOException e) {
            exit(1, "", PyroNsOptionParser.PROG + ": error: cannot write the configuration: " + e.getMessage() + "\n");
            return;
        }
        evaluate();
    }

    @Deactivate
    void deactivate() {
        if (stopSignals != null) {
            stopSignals.uninstall();
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        try {
            context.removeServiceListener(serviceListener);
            context.removeBundleListener(bundleListener);
            context.removeFrameworkListener(frameworkListener);
        } catch (IllegalStateException e) {
            // the bundle is stopping: its listeners go with it
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

    /** Every configuration is written, whichever parts are installed: one without its part is simply unused. */
    private static void configure(ConfigurationAdmin admin, NameServerSettings settings) throws IOException {
        admin.getConfiguration(NameServerSettings.SERVER_PID, "?").update(new Hashtable<>(settings.serverConfiguration()));
        admin.getConfiguration(NameServerSettings.NAMING_PID, "?").update(new Hashtable<>(settings.namingConfiguration()));
        admin.getConfiguration(NameServerSettings.BROADCAST_PID, "?")
                .update(new Hashtable<>(settings.broadcastConfiguration()));
    }

    private void serviceChanged(ServiceEvent event) {
        synchronized (lock) {
            if (phase == Phase.RUNNING) {
                ServiceReference<?> reference = event.getServiceReference();
                if (PartStatus.DAEMON.equals(reference.getProperty(PartStatus.PART))
                        && (event.getType() == ServiceEvent.UNREGISTERING || !report(reference).state().equals(PartStatus.State.UP))) {
                    reportShutdown(); // the daemon unregisters its status once its sockets are closed
                }
                return;
            }
        }
        evaluate();
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED) {
            noteWhetherAllStarted();
            evaluate();
        }
    }

    private void frameworkChanged(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            noteWhetherAllStarted();
            evaluate();
        }
    }

    private void noteWhetherAllStarted() {
        synchronized (lock) {
            allStarted |= allBundlesStarted();
        }
    }

    /** Announces the name server, or ends the launch with the reason it cannot run, as soon as either is known. */
    private void evaluate() {
        synchronized (lock) {
            if (phase != Phase.STARTING || exitStatus.isDone()) {
                return;
            }
            StartupProgress.Outcome outcome;
            try {
                outcome = progress().outcome();
            } catch (IllegalStateException e) {
                return; // this bundle is stopping
            }
            if (outcome instanceof StartupProgress.Failed failed) {
                LOG.log(System.Logger.Level.ERROR, "name server not started: " + failed.reason());
                exit(1, "", PyroNsOptionParser.PROG + ": error: " + failed.reason() + "\n");
            } else if (outcome instanceof StartupProgress.Ready ready) {
                announce(ready.broadcast());
            }
        }
    }

    /** The watchdog: the parts have had their time; say which have not reported and stop. */
    private void giveUp() {
        synchronized (lock) {
            evaluate();
            if (phase != Phase.STARTING || exitStatus.isDone()) {
                return;
            }
            StartupProgress now = progress();
            if (now.outcome() instanceof StartupProgress.Waiting waiting) {
                long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - watchdogStarted);
                // a part whose report still changes is working (a ZooKeeper store reading a million names counts
                // them in its status): look again shortly, up to a limit; a start where nothing moves ends now
                if (!now.reports().equals(reportsAtLastCheck) && waited < PROGRESS_LIMIT_SECONDS) {
                    reportsAtLastCheck = now.reports();
                    watchdog.schedule(this::giveUp, PROGRESS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, "name server not started within " + waited + " s: "
                        + waiting.reason());
                exit(1, "", PyroNsOptionParser.PROG + ": error: the name server did not start within " + waited
                        + " s: " + waiting.reason() + "\n");
            }
        }
    }

    private StartupProgress progress() {
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences((String) null, FOLLOWED);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, StartupProgress.PartReport> reports = new HashMap<>();
        Map<String, Long> reportIds = new HashMap<>();
        boolean nameServer = false;
        boolean daemon = false;
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            List<String> classes = Arrays.asList((String[]) reference.getProperty(Constants.OBJECTCLASS));
            nameServer |= classes.contains(NameServer.class.getName());
            daemon |= classes.contains(PyroDaemon.class.getName());
            if (classes.contains(PartStatus.class.getName())) {
                String part = String.valueOf(reference.getProperty(PartStatus.PART));
                StartupProgress.PartReport report = report(reference);
                long id = (Long) reference.getProperty(Constants.SERVICE_ID);
                // one status per part; should there be two for a moment (a part re-activating), the newer counts
                if (!reportIds.containsKey(part) || id > reportIds.get(part)) {
                    reports.put(part, report);
                    reportIds.put(part, id);
                }
            }
        }
        return new StartupProgress(reports, nameServer && daemon, allStarted);
    }

    private static StartupProgress.PartReport report(ServiceReference<?> reference) {
        Object detail = reference.getProperty(PartStatus.DETAIL);
        Object location = reference.getProperty(PartStatus.LOCATION);
        return new StartupProgress.PartReport(PartStatus.State.ofProperty(reference.getProperty(PartStatus.STATE)),
                detail == null ? "" : detail.toString(), location == null ? null : location.toString());
    }

    private void announce(StartupReport.Broadcast broadcast) {
        NameServer nameServer = service(NameServer.class);
        PyroDaemon daemon = service(PyroDaemon.class);
        if (nameServer == null || daemon == null) {
            return; // gone again: the next service event decides
        }
        StartupReport report = new StartupReport(settings, daemon.location(), daemon.boundAddress(),
                nameServer.count(), broadcast,
                daemon.uriFor(NameServer.OBJECT_ID).asString(), daemon.internalUriFor(NameServer.OBJECT_ID).asString());
        console.started(); // what was logged during the start comes first, as it happened first
        String text = report.text();
        LOG.log(System.Logger.Level.INFO, () -> "started: " + text.strip().replace("\n", "; "));
        out.print(text);
        out.flush();
        phase = Phase.RUNNING;
        watchdog.shutdownNow();
    }

    private void reportShutdown() {
        synchronized (lock) {
            if (phase == Phase.RUNNING) {
                out.print(StartupReport.SHUTDOWN);
                LOG.log(System.Logger.Level.INFO, StartupReport.SHUTDOWN.strip());
                out.flush();
            }
            phase = Phase.SHUT_DOWN;
        }
    }

    private <S> S service(Class<S> type) {
        ServiceReference<S> reference = context.getServiceReference(type);
        return reference == null ? null : context.getService(reference);
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
        if (status != 0) {
            console.failed();
        }
        out.print(stdout);
        out.flush();
        err.print(stderr);
        err.flush();
        exitStatus.complete(status);
    }

    /**
     * Ctrl-C or SIGTERM, once the start has finished: the bnd launcher's main thread gets the status, stops the
     * framework and exits; this stops it too (for the case the main thread is elsewhere) and waits, then exits.
     */
    private void stop(int status) {
        exitStatus.complete(status);
        stopFramework();
        System.exit(status);
    }

    /**
     * The JVM exits without a signal of ours (SIGHUP, -Xrs, System.exit elsewhere): the framework is stopped here
     * so that sockets close and {@code NS shut down.} is printed. The bnd launcher's own hook deletes the framework
     * storage at the same time, hence the orderly way through {@link #stop} wherever a signal allows it.
     */
    private void stopFrameworkAtExit() {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
            stopFramework();
        }
        reportShutdown();
    }

    /** Stops the framework and waits, at most {@link #STOP_TIMEOUT_MILLIS}, until every bundle has stopped. */
    private void stopFramework() {
        try {
            framework.stop();
        } catch (BundleException | IllegalStateException e) {
            // already stopping
        }
        try {
            if (framework instanceof Framework running) {
                running.waitForStop(STOP_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
