package io.pyrons.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pyrons-VERSION.tar.gz unpacked into a temporary directory and used as an operator would: from another directory,
 * through symbolic links, with JAVA_HOME naming the JDK, against real Pyro4 clients.
 */
class ArchiveIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("pyrons.dist.archive",
            "target/pyrons.tar.gz")).toAbsolutePath();
    /** The JDK running this test: what JAVA_HOME names. */
    private static final Path JDK = Path.of(System.getProperty("java.home"));
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void servesPyro4ClientsThroughSymbolicLinksWithJavaHomeAndMakesItsClassDataArchive() throws IOException {
        Path home = unpack();
        for (String file : List.of("bin/pyro-ns", "bin/pyro-nsc", "lib/pyrons.jar", "lib/nsc/io.pyrons.client.jar",
                "libexec/layout.sh", "libexec/class-data-archive.sh", "etc/pyrons.conf", "systemd/pyrons.service",
                "README")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file + " is missing from " + ARCHIVE);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/pyro-ns")) && Files.isExecutable(home.resolve("bin/pyro-nsc")));
        assertTrue(Files.readString(home.resolve("etc/pyrons.conf")).contains("\nPYRONS_OPTIONS=\""));
        assertTrue(Files.readString(home.resolve("systemd/pyrons.service"))
                .contains("\nExecStart=/opt/pyrons/bin/pyro-ns $PYRONS_OPTIONS\n"));
        try (Stream<Path> files = Files.walk(home)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".jsa")).toList(),
                    "a class data archive made by the build is void on another path: none is shipped");
        }

        // a relative link to pyro-ns, an absolute one to pyro-nsc, run from yet another directory
        Path links = Files.createDirectories(dir.resolve("links"));
        Path pyroNs = Files.createSymbolicLink(links.resolve("pyro-ns"),
                links.relativize(home.resolve("bin/pyro-ns")));
        Path pyroNsc = Files.createSymbolicLink(links.resolve("pyro-nsc"), home.resolve("bin/pyro-nsc"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path cache = dir.resolve("cache");
        Path decoys = decoys();
        Map<String, String> env = Shell.env("JAVA_HOME", JDK.toString(), "XDG_CACHE_HOME", cache.toString(),
                "PATH", decoys + ":" + System.getenv("PATH"));
        List<String> start = List.of(pyroNs.toString(), "-n", "127.0.0.1", "-p", "0", "-x");

        long firstPid;
        try (Shell.Server server = Shell.start(start, env, elsewhere, dir.resolve("logs"))) {
            int port = server.awaitPort(START);
            firstPid = server.pid();
            String argv0 = Files.readString(Path.of("/proc/" + server.pid() + "/cmdline")).split("\0")[0];
            assertEquals(JDK.resolve("bin/java").toString(), argv0, "pyro-ns must run JAVA_HOME's java");
            Clients.exchangeNames(pyroNsc, env, port);
            assertEquals(143, server.stop(), server.output());
            assertTrue(server.stdout().contains("NS shut down."), server.output());
        }
        // the first start found no archive and wrote one as it stopped, named by its PID
        try (Stream<Path> made = Files.list(cache.resolve("pyrons"))) {
            List<String> names = made.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("pyrons_.*_lib_pyrons\\.jar-[-0-9]+\\.jsa\\." + firstPid),
                    names.toString());
        }
        // the next start checks it, moves it into place and maps it; so does every start after it
        for (int nth = 2; nth <= 3; nth++) {
            try (Shell.Server server = Shell.start(start, env, elsewhere, dir.resolve("logs"))) {
                int port = server.awaitPort(START);
                List<Path> archives;
                try (Stream<Path> made = Files.list(cache.resolve("pyrons"))) {
                    archives = made.toList();
                }
                assertEquals(1, archives.size(), "start " + nth + ": " + archives);
                Path archive = archives.get(0);
                assertTrue(archive.getFileName().toString().matches("pyrons_.*_lib_pyrons\\.jar-[-0-9]+\\.jsa"),
                        "start " + nth + ": no archive moved into place: " + archive);
                String maps = Files.readString(Path.of("/proc/" + server.pid() + "/maps"));
                assertTrue(maps.contains(archive.toString()), "start " + nth + " does not map " + archive);
                Shell.Result ping = Clients.nsc(pyroNsc, env, port, "ping");
                assertEquals("Name server ping ok.", ping.stdout().strip(), ping.output());
                assertEquals(143, server.stop(), server.output());
            }
        }
        assertFalse(Files.exists(decoys.resolve("mvn-ran")), "a distribution's script ran mvn");
    }

    /** A process killed while it wrote the archive leaves a torn file; mapped, it would crash the JVM (SIGBUS). */
    @Test
    void throwsATornClassDataArchiveAwayAndMakesANewOne() throws IOException {
        Path home = unpack();
        Path cache = dir.resolve("cache");
        Map<String, String> env = Shell.env("JAVA_HOME", JDK.toString(), "XDG_CACHE_HOME", cache.toString());
        List<String> start = List.of(home.resolve("bin/pyro-ns").toString(), "-n", "127.0.0.1", "-p", "0", "-x");
        Path pyroNsc = home.resolve("bin/pyro-nsc");

        List<Path> written = startPingStop(start, env, pyroNsc, cache);
        assertEquals(1, written.size(), written.toString());
        Path torn = written.get(0);
        long size = Files.size(torn);
        assertTrue(size > 1 << 20, "an archive of " + size + " bytes");
        Files.setPosixFilePermissions(torn, PosixFilePermissions.fromString("rw-r--r--"));
        try (var file = new java.io.RandomAccessFile(torn.toFile(), "rw")) {
            file.setLength(size / 3);
        }
        // the next start finds it, sees that a JVM cannot map it, throws it away and writes a new one as it stops
        List<Path> rewritten = startPingStop(start, env, pyroNsc, cache);
        assertEquals(1, rewritten.size(), rewritten.toString());
        assertTrue(!rewritten.get(0).equals(torn) && rewritten.get(0).toString().matches(".*\\.jsa\\.\\d+"),
                "the torn archive was not replaced by a new one: " + rewritten);
        // which the start after that maps
        try (Shell.Server server = Shell.start(start, env, dir, dir.resolve("logs"))) {
            server.awaitPort(START);
            String maps = Files.readString(Path.of("/proc/" + server.pid() + "/maps"));
            assertTrue(maps.contains(cache.resolve("pyrons").toString()), "no class data archive mapped:\n" + maps);
            assertEquals(143, server.stop(), server.output());
        }
    }

    /** Starts pyro-ns, pings it with pyro-nsc, stops it; returns the files in the archive cache afterwards. */
    private List<Path> startPingStop(List<String> start, Map<String, String> env, Path pyroNsc, Path cache)
            throws IOException {
        try (Shell.Server server = Shell.start(start, env, dir, dir.resolve("logs"))) {
            int port = server.awaitPort(START);
            Shell.Result ping = Clients.nsc(pyroNsc, env, port, "ping");
            assertEquals("Name server ping ok.", ping.stdout().strip(), ping.output());
            assertEquals(143, server.stop(), server.output());
        }
        try (Stream<Path> files = Files.list(cache.resolve("pyrons"))) {
            return files.toList();
        }
    }

    @Test
    void saysWhatIsMissingInsteadOfBuilding() throws IOException {
        Path home = unpack();
        Files.delete(home.resolve("lib/pyrons.jar"));
        Files.delete(home.resolve("lib/nsc/io.pyrons.client.jar"));
        Path decoys = decoys();
        Map<String, String> env = Shell.env("JAVA_HOME", JDK.toString(), "PATH", decoys + ":" + System.getenv("PATH"));

        Shell.Result ns = Shell.run(List.of(home.resolve("bin/pyro-ns").toString(), "-p", "0"), env, dir,
                Clients.TIMEOUT);
        assertEquals(1, ns.exitCode(), ns.output());
        assertEquals("pyro-ns: " + home.resolve("lib/pyrons.jar") + " is missing: this pyrons installation is "
                + "incomplete (unpack or install it again)", ns.stderr().strip(), ns.output());
        Shell.Result nsc = Shell.run(List.of(home.resolve("bin/pyro-nsc").toString(), "ping"), env, dir,
                Clients.TIMEOUT);
        assertEquals(1, nsc.exitCode(), nsc.output());
        assertTrue(nsc.stderr().strip().startsWith("pyro-nsc: " + home.resolve("lib/nsc/io.pyrons.client.jar")
                + " is missing"), nsc.output());
        assertFalse(Files.exists(decoys.resolve("mvn-ran")), "a distribution's script ran mvn");
    }

    @Test
    void namesAJavaHomeWithoutJava() throws IOException {
        Path home = unpack();
        Path notAJdk = Files.createDirectories(dir.resolve("not-a-jdk"));
        for (String script : List.of("pyro-ns", "pyro-nsc")) {
            Shell.Result result = Shell.run(List.of(home.resolve("bin").resolve(script).toString(), "-h"),
                    Shell.env("JAVA_HOME", notAJdk.toString()), dir, Clients.TIMEOUT);
            assertEquals(1, result.exitCode(), result.output());
            assertEquals(script + ": JAVA_HOME is " + notAJdk + ", which has no bin/java (pyrons needs Java 17 or "
                    + "later)", result.stderr().strip(), result.output());
        }
    }

    /** systemd's own check of the archive's unit, pointed at the unpacked pyro-ns. */
    @Test
    void unitPassesSystemdAnalyzeVerify() throws IOException {
        Assumptions.assumeTrue(Shell.run(List.of("sh", "-c", "command -v systemd-analyze"), Map.of(), null,
                Clients.TIMEOUT).exitCode() == 0, "systemd-analyze is not installed here: the unit is not verified");
        Path home = unpack();
        String unit = Files.readString(home.resolve("systemd/pyrons.service"))
                .replace("/opt/pyrons/bin/pyro-ns", home.resolve("bin/pyro-ns").toString());
        Path file = Files.writeString(dir.resolve("pyrons.service"), unit);
        Shell.Result verify = Shell.run(List.of("systemd-analyze", "verify", file.toString()), Map.of(), dir,
                Clients.TIMEOUT);
        assertEquals(0, verify.exitCode(), verify.output());
        // systemd-analyze warns about unknown keys and bad values but still exits 0
        assertEquals(List.of(), (verify.stdout() + verify.stderr()).lines()
                .filter(line -> line.contains("pyrons.service")).toList(), verify.output());
    }

    private Path unpack() {
        assertTrue(Files.isRegularFile(ARCHIVE), ARCHIVE + " is missing: build the dist module (mvn -pl dist package)");
        Shell.Result tar = Shell.run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", dir.toString()), Map.of(), null,
                Clients.TIMEOUT);
        assertEquals(0, tar.exitCode(), tar.output());
        Path home = dir.resolve(ARCHIVE.getFileName().toString().replaceFirst("\\.tar\\.gz$", ""));
        assertTrue(Files.isDirectory(home), home + " was not unpacked from " + ARCHIVE);
        return home;
    }

    /**
     * A directory to put first on PATH, with a java that must not run (JAVA_HOME's must) and an mvn that leaves a
     * mark if a script ever runs it.
     */
    private Path decoys() throws IOException {
        Path decoys = Files.createDirectories(dir.resolve("decoys"));
        write(decoys.resolve("java"), "#!/bin/sh\necho 'the java on PATH ran, not JAVA_HOME/bin/java' >&2\nexit 97\n");
        write(decoys.resolve("mvn"), "#!/bin/sh\ntouch \"$(dirname \"$0\")/mvn-ran\"\nexit 98\n");
        return decoys;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
