package io.pyrons.itests.felix;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars this build resolved for the bundles under test, found by Bundle-SymbolicName among the files the pom
 * lists in {@code target/bundle-files.txt} (system property {@code pyrons.bundle.files}, written by
 * maven-dependency-plugin's {@code build-classpath} goal): in a reactor build our bundles are the modules' fresh
 * {@code target/} jars, never older copies. The pom's dependencies are the one list of what can be installed;
 * this class only says which of them to install, and in which order.
 */
final class PyronsBundles {
    /** The framework services our bundles need, in start order. */
    static final List<String> FRAMEWORK = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
            "org.apache.felix.configadmin", "org.apache.felix.metatype", "org.apache.felix.gogo.runtime");

    /** Our core bundles and their third-party imports, installed and started in every test framework. */
    static final List<String> CORE = List.of(
            "io.pyrons.api", "io.pyrons.protocol", "io.pyrons.serializer.serpent",
            "com.fasterxml.jackson.core.jackson-core", "io.pyrons.serializer.marshal",
            "io.pyrons.server", "io.pyrons.storage.memory", "io.pyrons.naming", "io.pyrons.broadcast",
            "io.pyrons.client", "io.pyrons.shell");

    /** Installed by the tests themselves (hot install and removal). */
    static final String JSON = "io.pyrons.serializer.json";
    static final String PICKLE = "io.pyrons.serializer.pickle";
    static final String MSGPACK = "io.pyrons.serializer.msgpack";
    static final String MSGPACK_CORE = "org.msgpack.msgpack-core";
    static final String SQL = "io.pyrons.storage.sql";
    static final String SQLITE_JDBC = "org.xerial.sqlite-jdbc";
    static final String DBM = "io.pyrons.storage.dbm";
    static final String H2_MVSTORE = "com.h2database.mvstore";

    private PyronsBundles() {
    }

    /** The jar of {@code name}, if this build provides it (a module not built yet has no jar). */
    static Optional<File> jar(String name) {
        return Optional.ofNullable(BySymbolicName.JARS.get(name));
    }

    /** Every jar of the test class path by its Bundle-SymbolicName, read once. */
    private static final class BySymbolicName {
        static final Map<String, File> JARS = read();

        private static Map<String, File> read() {
            String list = System.getProperty("pyrons.bundle.files");
            if (list == null || list.isBlank() || list.startsWith("${")) {
                throw new IllegalStateException("system property pyrons.bundle.files is not set (run through Maven)");
            }
            Map<String, File> jars = new HashMap<>();
            try {
                for (String path : Files.readString(Path.of(list)).trim().split(File.pathSeparator)) {
                    File file = new File(path);
                    if (!file.isFile()) {
                        continue;
                    }
                    try (JarFile jar = new JarFile(file)) {
                        Manifest manifest = jar.getManifest();
                        String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                        if (name != null) {
                            jars.putIfAbsent(name.split(";")[0].trim(), file);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundle list " + list, e);
            }
            return Map.copyOf(jars);
        }
    }

    static String url(String name) {
        return jar(name).orElseThrow(() -> new IllegalStateException("no jar for bundle " + name
                + ": add it to the dependencies of itests/felix/pom.xml"))
                .toURI().toString();
    }

    /** The listed bundles this build has no jar for. */
    static List<String> missing(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            if (jar(name).isEmpty()) {
                result.add(name);
            }
        }
        return result;
    }
}
