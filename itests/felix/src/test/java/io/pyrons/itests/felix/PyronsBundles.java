package io.pyrons.itests.felix;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The jars this build resolved for the bundles under test, one system property each
 * ({@code pyrons.bundle.<symbolic name>}, set by the pom from maven-dependency-plugin's {@code properties}
 * goal): in a reactor build these are the modules' fresh {@code target/} jars, never older copies.
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
    static final String SQL = "io.pyrons.storage.sql";
    static final String SQLITE_JDBC = "org.xerial.sqlite-jdbc";
    static final String DBM = "io.pyrons.storage.dbm";
    static final String H2_MVSTORE = "com.h2database.mvstore";

    private PyronsBundles() {
    }

    /** The jar of {@code name}, if this build provides it (a module not built yet has no jar). */
    static Optional<File> jar(String name) {
        String path = System.getProperty("pyrons.bundle." + name);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            return Optional.empty();
        }
        File file = new File(path);
        return file.isFile() ? Optional.of(file) : Optional.empty();
    }

    static String url(String name) {
        return jar(name).orElseThrow(() -> new IllegalStateException("no jar for bundle " + name
                + ": add it to itests/felix/pom.xml (dependency and pyrons.bundle." + name + " property)"))
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
