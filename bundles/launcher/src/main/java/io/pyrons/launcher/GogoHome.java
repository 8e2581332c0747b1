package io.pyrons.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Sets up the runtime's Gogo console before its bundle starts. By default pyro-ns runs as pyro4-ns does: no prompt,
 * stdin unread (it runs in terminals, where Ctrl-C must stop it, and as a background process with stdin closed),
 * the framework kept when the shell ends, and JLine's dumb terminal (no stty processes at start, no warning when
 * stdin is not a terminal). With the system property {@value #CONSOLE} ({@code PYRONS_CONSOLE=1 bin/pyro-ns}) it runs
 * the interactive JLine console instead: history, Tab completion, Ctrl-C for the running command, Ctrl-D or
 * {@code exit} stops the name server. These are system properties, not framework properties of pyrons.bndrun, so
 * that a user's own {@code -Dgosh.args=...} still wins (Gogo reads the framework property first).
 * <p>
 * Gogo reads its profile from {@code etc/gosh_profile} under {@value #PROPERTY}; ours (a resource of this bundle:
 * the prompt, completion of the {@code ns:} commands and of registered names) is written to a private temporary
 * directory, unless the user set {@value #PROPERTY}. Gogo's own profile configures the interactive line reader and
 * prints a stack trace when the shell runs with {@code --nointeractive}. Not in the framework storage: the bnd
 * launcher deletes that in a shutdown hook, which a stop right after the start may run before the console thread
 * has read its profile; the JVM deletes its delete-on-exit files only after every shutdown hook has finished.
 */
final class GogoHome {
    /** The bundle with JLine's terminal providers, and the one that starts the console thread. */
    static final String JLINE = "org.jline";
    static final String GOGO_JLINE = "org.apache.felix.gogo.jline";

    static final String PROPERTY = "gosh.home";
    static final String CONSOLE = "pyrons.console";
    static final String ARGUMENTS = "gosh.args";
    static final String DUMB_TERMINAL = "org.jline.terminal.dumb";
    static final String NOT_INTERACTIVE = "--nointeractive --noshutdown";

    private GogoHome() {
    }

    /** Whether the interactive console was asked for: Ctrl-C then belongs to it. */
    static boolean interactive() {
        return Boolean.getBoolean(CONSOLE);
    }

    static void prepare(BundleContext context) {
        Properties system = System.getProperties();
        boolean interactive = interactive();
        system.putIfAbsent(ARGUMENTS, interactive ? "" : NOT_INTERACTIVE);
        if (!interactive) {
            system.putIfAbsent(DUMB_TERMINAL, "true");
        } else {
            context.addBundleListener(new JLineForTheShell());
        }
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try (InputStream profile = GogoHome.class.getResourceAsStream("gosh_profile")) {
            if (profile == null) {
                throw new IOException("gosh_profile is missing from the launcher bundle");
            }
            Path home = Files.createTempDirectory("pyrons-gosh"); // owner-only on POSIX file systems
            Path etc = home.resolve("etc");
            Path file = etc.resolve("gosh_profile");
            home.toFile().deleteOnExit(); // deleted in the reverse order: the file, etc/, then home
            Files.createDirectories(etc);
            etc.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            Files.copy(profile, file);
            System.setProperty(PROPERTY, home.toAbsolutePath().toString());
        } catch (IOException e) {
            System.err.println("pyro-ns: warning: cannot write a Gogo profile: " + e.getMessage());
        }
    }

    /**
     * JLine finds its terminal providers (exec, jni, ...) through the thread context class loader, which in a
     * framework sees none of them: the console would fall back to a dumb terminal (no history, no completion,
     * Ctrl-C not delivered). While the Gogo console bundle starts, on the thread that starts it and so creates the
     * console thread (which inherits it), the context class loader is JLine's bundle's.
     */
    private static final class JLineForTheShell implements SynchronousBundleListener {
        private ClassLoader previous;

        @Override
        public void bundleChanged(BundleEvent event) {
            if (!GOGO_JLINE.equals(event.getBundle().getSymbolicName())) {
                return;
            }
            Thread thread = Thread.currentThread();
            if (event.getType() == BundleEvent.STARTING) {
                ClassLoader jline = jlineClassLoader(event.getBundle().getBundleContext());
                if (jline != null) {
                    previous = thread.getContextClassLoader();
                    thread.setContextClassLoader(jline);
                }
            } else if ((event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED)
                    && previous != null) {
                thread.setContextClassLoader(previous);
                previous = null;
            }
        }

        private static ClassLoader jlineClassLoader(BundleContext context) {
            if (context == null) {
                return null;
            }
            for (Bundle bundle : context.getBundles()) {
                if (JLINE.equals(bundle.getSymbolicName())) {
                    BundleWiring wiring = bundle.adapt(BundleWiring.class);
                    return wiring == null ? null : wiring.getClassLoader();
                }
            }
            return null;
        }
    }
}
