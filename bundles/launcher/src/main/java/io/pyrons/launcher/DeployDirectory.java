package io.pyrons.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * The runtime's drop-in directory (system property {@value #PROPERTY}; {@code bin/pyro-ns} sets {@code runtime/deploy}):
 * every {@code *.jar} in it runs as a bundle while the file is there. A new file is installed and started once its
 * size and time stayed the same for one scan (a copy still being written is left for the next); a changed file
 * updates its bundle; a removed file uninstalls it. A jar whose bundle the runtime already holds (the same symbolic
 * name and version, e.g. the sql and dbm storage bundles inside pyrons.jar) is not installed twice: the held bundle
 * is started, and stopped again when the file goes. What happens to the name server when a storage bundle comes or
 * goes is {@link StorageOffer}'s part; this class only knows bundles and files.
 */
final class DeployDirectory {
    static final String PROPERTY = "pyrons.deploy";
    private static final Logger LOG = System.getLogger("io.pyrons.launcher");

    /** What a file in the directory stands for. */
    private record Deployed(long size, long modified, long bundleId, boolean held) {
    }

    private record Seen(long size, long modified) {
    }

    private final BundleContext context;
    private final Path directory;
    /** Called with the id of each bundle started for a file, before it is started. */
    private final java.util.function.LongConsumer starting;
    private final Map<Path, Deployed> deployed = new HashMap<>();
    /** Files seen once and not yet deployed: deployed when the next scan finds them unchanged. */
    private final Map<Path, Seen> settling = new HashMap<>();
    /** Files that failed: not retried until they change. */
    private final Map<Path, Seen> failed = new HashMap<>();

    DeployDirectory(BundleContext context, Path directory, java.util.function.LongConsumer starting) {
        this.context = context;
        this.directory = directory;
        this.starting = starting;
    }

    Path directory() {
        return directory;
    }

    /** One pass over the directory; at start every jar already there is deployed at once. */
    synchronized void scan(boolean atStart) {
        Map<Path, Seen> present = new HashMap<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
                for (Path jar : jars) {
                    try {
                        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                        if (a.isRegularFile()) {
                            present.put(jar, new Seen(a.size(), a.lastModifiedTime().toMillis()));
                        }
                    } catch (IOException e) {
                        // gone between the listing and now: the next scan sees it as removed
                    }
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot read the deploy directory " + directory + ": " + e.getMessage());
                return; // nothing is judged removed on a failed listing
            }
        }
        for (Path gone : Set.copyOf(deployed.keySet())) {
            if (!present.containsKey(gone)) {
                withdraw(gone, deployed.remove(gone));
            }
        }
        settling.keySet().retainAll(present.keySet());
        failed.keySet().retainAll(present.keySet());
        for (Map.Entry<Path, Seen> file : present.entrySet()) {
            Path jar = file.getKey();
            Seen now = file.getValue();
            Deployed before = deployed.get(jar);
            if (before != null && before.size() == now.size() && before.modified() == now.modified()) {
                continue;
            }
            if (now.equals(failed.get(jar))) {
                continue;
            }
            if (!atStart && !now.equals(settling.put(jar, now))) {
                continue; // first seen, or still changing
            }
            settling.remove(jar);
            try {
                deployed.put(jar, before == null ? deploy(jar, now) : update(jar, before, now));
                failed.remove(jar);
            } catch (IOException | BundleException | IllegalStateException e) {
                failed.put(jar, now);
                LOG.log(Level.ERROR, "cannot deploy " + jar + ": " + e.getMessage());
            }
        }
    }

    private Deployed deploy(Path jar, Seen seen) throws IOException, BundleException {
        Bundle held = heldBundle(jar);
        Bundle bundle;
        if (held != null) {
            bundle = held;
        } else {
            try (InputStream in = Files.newInputStream(jar)) {
                bundle = context.installBundle(jar.toUri().toString(), in);
            }
        }
        starting.accept(bundle.getBundleId());
        bundle.start();
        LOG.log(Level.INFO, (held != null ? "started " : "installed and started ") + describe(bundle) + " for " + jar);
        return new Deployed(seen.size(), seen.modified(), bundle.getBundleId(), held != null);
    }

    private Deployed update(Path jar, Deployed before, Seen now) throws IOException, BundleException {
        if (before.held()) {
            return new Deployed(now.size(), now.modified(), before.bundleId(), true);
        }
        Bundle bundle = context.getBundle(before.bundleId());
        if (bundle == null) {
            return deploy(jar, now); // uninstalled from the console meanwhile
        }
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        }
        LOG.log(Level.INFO, "updated " + describe(bundle) + " from " + jar);
        return new Deployed(now.size(), now.modified(), before.bundleId(), false);
    }

    private void withdraw(Path jar, Deployed what) {
        Bundle bundle = context.getBundle(what.bundleId());
        if (bundle == null) {
            return;
        }
        try {
            if (what.held()) {
                bundle.stop();
                LOG.log(Level.INFO, "stopped " + describe(bundle) + ": " + jar + " was removed");
            } else {
                bundle.uninstall();
                LOG.log(Level.INFO, "uninstalled " + describe(bundle) + ": " + jar + " was removed");
            }
        } catch (BundleException | IllegalStateException e) {
            LOG.log(Level.ERROR, "cannot withdraw " + describe(bundle) + " for " + jar + ": " + e.getMessage());
        }
    }

    /** The installed bundle with the jar's symbolic name and version, if the runtime holds one. */
    private Bundle heldBundle(Path jar) throws IOException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        }
        if (manifest == null) {
            return null; // installBundle says what is wrong
        }
        String name = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        if (name == null) {
            return null;
        }
        String symbolicName = name.split(";", 2)[0].strip();
        Version v;
        try {
            v = Version.parseVersion(version == null ? null : version.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && v.equals(b.getVersion())) {
                return b;
            }
        }
        return null;
    }

    /** The ids of the bundles started for files now in the directory. */
    synchronized Set<Long> bundleIds() {
        Set<Long> ids = new HashSet<>();
        deployed.values().forEach(d -> ids.add(d.bundleId()));
        return ids;
    }

    private static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
