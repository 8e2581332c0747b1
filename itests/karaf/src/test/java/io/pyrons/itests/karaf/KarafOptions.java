package io.pyrons.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Karaf under test: the apache-karaf 4.4.10 tar.gz this build resolved, started with the JVM options of its
 * own {@code bin/karaf} for Java 9+, listening only on 127.0.0.1 on free ports, with our name server configured
 * on a free port too, and this build's bundles ahead of every other Maven repository.
 */
final class KarafOptions {
    private KarafOptions() {
    }

    static Option[] options() {
        String version = required("pyrons.karaf.version");
        File distribution = new File(required("pyrons.karaf.distribution"));
        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                .frameworkUrl(distribution.toURI().toString())
                .karafVersion(version)
                .name("Apache Karaf")
                .unpackDirectory(new File(required("pyrons.exam.dir")))
                .useDeployFolder(false));
        options.add(configureConsole().ignoreLocalConsole());
        options.add(logLevel(LogLevel.WARN));
        if (Boolean.getBoolean("pyrons.karaf.keep")) {
            options.add(org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder());
        }
        options.add(systemTimeout(180_000));
        options.addAll(bootVmOptions(version));

        options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())));
        // our configurations before the features install: the feature's defaults do not replace them
        options.add(editConfigurationFilePut("etc/io.pyrons.server.cfg", "host", "127.0.0.1"));
        options.add(editConfigurationFilePut("etc/io.pyrons.server.cfg", "port", "0"));
        options.add(editConfigurationFilePut("etc/io.pyrons.broadcast.cfg", "enabled", "false"));
        // this build's jars first (target/reactor-repo), then Karaf's own system repository
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                new File(required("pyrons.reactor.repo")).toURI() + "@id=reactor@snapshots,"
                        + "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,"
                        + "file:${karaf.data}/kar@id=kar.repository@multiple@snapshots"));

        // what the tests inside Karaf need to know
        options.add(systemProperty("pyrons.features").value(new File(required("pyrons.features")).toURI().toString()));
        options.add(systemProperty("pyrons.python.scripts").value(required("pyrons.python.scripts")));
        options.add(systemProperty("pyrons.zookeeper.classpath").value(required("pyrons.zookeeper.classpath")));
        return new Option[] {composite(options.toArray(Option[]::new))};
    }

    /** Copied from Karaf 4.4.10's bin/karaf, the branch for Java versions above 8 (run from KARAF_HOME). */
    static List<Option> bootVmOptions(String version) {
        return List.of(
                vmOption("--add-reads=java.xml=java.logging"),
                vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                vmOption("--patch-module"), vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + version + ".jar"),
                vmOption("--patch-module"), vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + version + ".jar"),
                vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
                vmOption("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"),
                vmOption("--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED"),
                vmOption("--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"),
                // bin/karaf puts lib/jdk9plus on the class path before lib/boot for Java 9+
                vmOption("-classpath"), vmOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven: see pom.xml)");
        }
        return value;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
