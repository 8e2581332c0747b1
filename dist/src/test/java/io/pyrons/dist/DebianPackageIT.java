package io.pyrons.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pyrons_VERSION_all.deb installed on this machine with dpkg -i, used through /usr/bin/pyro-ns and pyro-nsc by real
 * Pyro4 clients, run as the pyrons user it makes, then purged: the machine is left as it was found, also when a
 * check fails. Needs root and dpkg (CI runs as root on Debian); skipped with the reason otherwise, and when a pyrons
 * package or user is already there (it is never touched).
 */
class DebianPackageIT {

    private static final Path DEB = Path.of(System.getProperty("pyrons.deb", "target/pyrons.deb")).toAbsolutePath();
    private static final Duration DPKG = Duration.ofMinutes(3);
    private static final Duration START = Duration.ofSeconds(90);
    /** What systemd makes for the service (RuntimeDirectory=pyrons) and removes when it stops; here the test does. */
    private static final String RUNTIME_DIRECTORY = "/run/pyrons";
    /** Every path the package installs or makes; none may be left after dpkg --purge. */
    private static final List<String> INSTALLED = List.of("/usr/bin/pyro-ns", "/usr/bin/pyro-nsc", "/usr/share/pyrons",
            "/usr/share/doc/pyrons", "/etc/pyrons", "/lib/systemd/system/pyrons.service", "/var/lib/pyrons",
            "/var/cache/pyrons", "/var/log/pyrons", RUNTIME_DIRECTORY);

    @TempDir
    Path dir;

    @BeforeAll
    static void onlyAsRootWithDpkgOnAMachineWithoutPyrons() {
        Assumptions.assumeTrue("0".equals(sh("id -u").stdout().strip()),
                "not root: installing the Debian package (dpkg -i) needs root; CI runs as root");
        Assumptions.assumeTrue(sh("command -v dpkg").exitCode() == 0, "dpkg is not installed: not a Debian machine");
        Assumptions.assumeFalse(sh("dpkg-query -W -f='${Status}' pyrons").stdout().contains("installed"),
                "a pyrons package is installed on this machine: the test does not touch it");
        Assumptions.assumeTrue(sh("getent passwd pyrons").exitCode() != 0,
                "a pyrons user exists on this machine: the test does not touch it");
        for (String path : INSTALLED) {
            Assumptions.assumeFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS),
                    path + " exists on this machine: the test does not touch it");
        }
    }

    @Test
    void installsRunsAsThePyronsUserAndPurgesWithoutATrace() throws IOException {
        assertTrue(Files.isRegularFile(DEB), DEB + " is missing: build the dist module (mvn -pl dist package)");
        try {
            Shell.Result install = dpkg("-i", DEB.toString());
            assertEquals(0, install.exitCode(), install.output());
            checkInstalledFiles();
            serveAsThePyronsUser();
        } finally {
            sh("rm -rf " + RUNTIME_DIRECTORY);
            Shell.Result purge = dpkg("--purge", "pyrons");
            assertEquals(0, purge.exitCode(), purge.output());
        }
        assertFalse(sh("dpkg-query -W -f='${Status}' pyrons").stdout().contains("installed"));
        assertTrue(sh("getent passwd pyrons").exitCode() != 0, "dpkg --purge left the pyrons user");
        assertTrue(sh("getent group pyrons").exitCode() != 0, "dpkg --purge left the pyrons group");
        for (String path : INSTALLED) {
            assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), "dpkg --purge left " + path);
        }
    }

    private void checkInstalledFiles() throws IOException {
        assertEquals(Path.of("/usr/share/pyrons/bin/pyro-ns"), Files.readSymbolicLink(Path.of("/usr/bin/pyro-ns")));
        assertEquals(Path.of("/usr/share/pyrons/bin/pyro-nsc"), Files.readSymbolicLink(Path.of("/usr/bin/pyro-nsc")));
        // a system user without a login
        String[] user = sh("getent passwd pyrons").stdout().strip().split(":");
        assertTrue(Integer.parseInt(user[2]) < 1000, "not a system user: " + String.join(":", user));
        assertEquals("/var/lib/pyrons", user[5]);
        assertEquals("/usr/sbin/nologin", user[6]);
        // the settings may hold an HMAC key: root and the pyrons group only; a conffile that dpkg keeps
        Path conf = Path.of("/etc/pyrons/pyrons.conf");
        PosixFileAttributes confAttributes = Files.readAttributes(conf, PosixFileAttributes.class);
        assertEquals("rw-r-----", PosixFilePermissions.toString(confAttributes.permissions()));
        assertEquals("root", confAttributes.owner().getName());
        assertEquals("pyrons", confAttributes.group().getName());
        assertTrue(sh("dpkg-query -W -f='${Conffiles}' pyrons").stdout().contains("/etc/pyrons/pyrons.conf"));
        for (String state : List.of("/var/lib/pyrons", "/var/cache/pyrons", "/var/log/pyrons")) {
            PosixFileAttributes attributes = Files.readAttributes(Path.of(state), PosixFileAttributes.class);
            assertEquals("pyrons", attributes.owner().getName(), state);
            assertEquals("rwxr-x---", PosixFilePermissions.toString(attributes.permissions()), state);
        }
        String unit = Files.readString(Path.of("/lib/systemd/system/pyrons.service"));
        for (String line : List.of("ExecStart=/usr/bin/pyro-ns $PYRONS_OPTIONS", "User=pyrons", "DynamicUser=no",
                "EnvironmentFile=-/etc/pyrons/pyrons.conf", "ProtectSystem=strict", "NoNewPrivileges=yes",
                "StateDirectory=pyrons pyrons/deploy", "Environment=PYRONS_DEPLOY=%S/pyrons/deploy",
                "WorkingDirectory=%S/pyrons")) {
            assertTrue(unit.lines().anyMatch(line::equals), line + " is not in the installed unit");
        }
        if (sh("command -v systemd-analyze").exitCode() == 0) {
            Shell.Result verify = Shell.run(List.of("systemd-analyze", "verify", "/lib/systemd/system/pyrons.service"),
                    Map.of(), null, Clients.TIMEOUT);
            assertEquals(0, verify.exitCode(), verify.output());
            assertEquals(List.of(), (verify.stdout() + verify.stderr()).lines()
                    .filter(line -> line.contains("pyrons.service")).toList(), verify.output());
        } else {
            System.out.println("systemd-analyze is not installed here: the installed unit is not verified");
        }
    }

    /**
     * /usr/bin/pyro-ns as the service runs it: the pyrons user, the names in /var/lib/pyrons, the class data archive
     * in /var/cache/pyrons (CACHE_DIRECTORY) and the framework storage in /run/pyrons (XDG_RUNTIME_DIR), as systemd
     * sets them; java from PATH. Names registered by Pyro4 and
     * pyro-nsc survive a restart, which also starts from the archive the first run wrote.
     */
    private void serveAsThePyronsUser() throws IOException {
        Shell.Result runtime = sh("install -d -o pyrons -g pyrons -m 0700 " + RUNTIME_DIRECTORY);
        assertEquals(0, runtime.exitCode(), runtime.output());
        Map<String, String> env = Shell.env("CACHE_DIRECTORY", "/var/cache/pyrons", "HOME", "/var/lib/pyrons",
                "XDG_RUNTIME_DIR", RUNTIME_DIRECTORY);
        // setpriv execs: the PID is the server's (pyro-ns execs java too)
        List<String> start = List.of("setpriv", "--reuid=pyrons", "--regid=pyrons", "--init-groups",
                "/usr/bin/pyro-ns", "-n", "127.0.0.1", "-p", "0", "-x", "-s", "sql:/var/lib/pyrons/names.sqlite");
        Path pyroNsc = Path.of("/usr/bin/pyro-nsc");
        try (Shell.Server server = Shell.start(start, env, dir, dir.resolve("logs"))) {
            int port = server.awaitPort(START);
            assertEquals("pyrons", sh("ps -o user= -p " + server.pid()).stdout().strip());
            Clients.exchangeNames(pyroNsc, Map.of(), port);
            assertEquals(143, server.stop(), server.output());
        }
        assertEquals("pyrons", Files.getOwner(Path.of("/var/lib/pyrons/names.sqlite")).getName());
        try (Shell.Server server = Shell.start(start, env, dir, dir.resolve("logs"))) {
            int port = server.awaitPort(START);
            String archive = "/var/cache/pyrons/pyrons_usr_share_pyrons_lib_pyrons.jar-";
            assertTrue(Files.readString(Path.of("/proc/" + server.pid() + "/maps")).contains(archive),
                    "the second start does not map the class data archive of the first (" + archive + "...)");
            assertEquals(List.of("resolved dist.a PYRO:dist.a@localhost:4711",
                    "listed dist.a PYRO:dist.a@localhost:4711 [dist,tag:dist.a]",
                    "listed dist.b PYRO:dist.b@localhost:4711 [dist,tag:dist.b]",
                    "listed dist.nsc PYRO:nsc@localhost:4712 []"), Clients.pyro4Show(port, "dist.a"));
            assertEquals(143, server.stop(), server.output());
        }
    }

    /** dpkg, waiting (bounded) while another dpkg or apt holds its lock. */
    private static Shell.Result dpkg(String... arguments) {
        var command = new java.util.ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(arguments));
        Shell.Result result = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            result = Shell.run(command, Shell.env("DEBIAN_FRONTEND", "noninteractive"), null, DPKG);
            if (result.exitCode() == 0 || !result.stderr().contains("lock")) {
                return result;
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return result;
    }

    private static Shell.Result sh(String script) {
        return Shell.run(List.of("sh", "-c", script), Map.of(), null, Clients.TIMEOUT);
    }
}
