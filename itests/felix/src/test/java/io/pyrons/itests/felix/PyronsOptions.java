package io.pyrons.itests.felix;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;

/** The one place that says what a test framework holds: Felix services, then our core bundles. */
final class PyronsOptions {
    private PyronsOptions() {
    }

    static Option[] core() {
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(cleanCaches());
        options.add(workingDirectory("target/paxexam/" + System.nanoTime()));
        options.add(systemTimeout(60_000));
        // Pax Exam's own bundles come through mvn: links, resolved from the local Maven repository
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
                .value(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")));
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories")
                .value("https://repo1.maven.org/maven2@id=central"));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        // pax-logging-api without a backend prints to stdout from DEBUG on, which would mix the client's DEBUG
        // entries (pyro-nsc logs as pyro4-nsc does) into the command output the tests compare
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(frameworkProperty("felix.log.level").value("1"));
        // no interactive Gogo shell in tests; the runtime's CommandProcessor is all we use
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        for (String name : PyronsBundles.FRAMEWORK) {
            options.add(bundle(PyronsBundles.url(name)).startLevel(2).start());
        }
        for (String name : PyronsBundles.CORE) {
            options.add(bundle(PyronsBundles.url(name)).startLevel(3).start());
        }
        return new Option[] {composite(options.toArray(Option[]::new))};
    }
}
