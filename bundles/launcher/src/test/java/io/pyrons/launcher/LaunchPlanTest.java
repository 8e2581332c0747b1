package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Combining options and environment into a plan, with pyro4-ns's precedence and errors. */
class LaunchPlanTest {

    private static LaunchStop stop(List<String> args, Map<String, String> env) {
        return assertThrows(LaunchStop.class, () -> LaunchPlan.of(args, env));
    }

    @Test
    void pyro4DefaultsWithoutOptions() {
        NameServerSettings s = LaunchPlan.of(List.of(), Map.of()).settings();
        assertEquals("localhost", s.host());
        assertEquals(9090, s.port());
        assertNull(s.unixsocket());
        assertNull(s.hmacKey());
        assertNull(s.storage(), "no -s: no storage setting, so that installing a storage bundle enables it");
        assertTrue(s.enableBroadcast());
        assertEquals(Map.of("host", "localhost", "port", 9090), s.serverConfiguration());
        assertEquals(Map.of("autoclean", 0.0), s.namingConfiguration());
    }

    @Test
    void optionsOverrideEnvironment() {
        Map<String, String> env = Map.of("PYRO_HOST", "0.0.0.0", "PYRO_NS_PORT", "7777", "PYRO_NATHOST", "envnat",
                "PYRO_NATPORT", "1234");
        NameServerSettings fromEnv = LaunchPlan.of(List.of(), env).settings();
        assertEquals("0.0.0.0", fromEnv.host());
        assertEquals(7777, fromEnv.port());
        assertEquals("envnat", fromEnv.nathost());
        assertEquals(1234, fromEnv.natport());
        NameServerSettings fromOptions = LaunchPlan.of(
                List.of("-n", "127.0.0.1", "-p", "0", "--nathost", "ext", "--natport", "5555"), env).settings();
        assertEquals("127.0.0.1", fromOptions.host());
        assertEquals(0, fromOptions.port());
        assertEquals("ext", fromOptions.nathost());
        assertEquals(5555, fromOptions.natport());
        assertEquals(Map.of("host", "127.0.0.1", "port", 0, "nathost", "ext", "natport", 5555),
                fromOptions.serverConfiguration());
    }

    @Test
    void emptyHostMeansAllInterfaces() {
        assertEquals("", LaunchPlan.of(List.of("-n", ""), Map.of()).settings().serverConfiguration().get("host"));
    }

    @Test
    void unixSocketAndKeyReachTheServerConfiguration() {
        NameServerSettings s = LaunchPlan.of(List.of("-u", "/tmp/ns.sock"), Map.of("PYRO_HMAC_KEY", "k")).settings();
        assertEquals(Map.of("host", "localhost", "port", 9090, "unixsocket", "/tmp/ns.sock", "hmac.key", "k"),
                s.serverConfiguration());
    }

    @Test
    void environmentLimitsReachTheServerConfiguration() {
        Map<String, String> env = Map.of("PYRO_SERIALIZERS_ACCEPTED", "serpent,json", "PYRO_COMMTIMEOUT", "2.5",
                "PYRO_MAX_MESSAGE_SIZE", "100000", "PYRO_COMPRESSION", "on", "PYRO_NS_AUTOCLEAN", "5");
        NameServerSettings s = LaunchPlan.of(List.of(), env).settings();
        assertEquals("serpent,json", s.serverConfiguration().get("serializers.accepted"));
        assertEquals(2.5, s.serverConfiguration().get("comm.timeout"));
        assertEquals(100000, s.serverConfiguration().get("max.message.size"));
        assertEquals(true, s.serverConfiguration().get("compression"));
        assertEquals(5.0, s.namingConfiguration().get("autoclean"));
    }

    @Test
    void tlsAndAutocleanEnvironmentReachTheConfigurations() {
        var env = Map.of("PYRO_SSL", "true", "PYRO_SSL_SERVERCERT", "/c.pem", "PYRO_SSL_SERVERKEY", "/k.pem",
                "PYRO_SSL_CACERTS", "/ca.pem", "PYRO_SSL_REQUIRECLIENTCERT", "yes", "PYRO_NS_AUTOCLEAN", "4",
                "PYRO_COMMTIMEOUT", "1.5");
        NameServerSettings s = LaunchPlan.of(List.of(), env).settings();
        Map<String, Object> server = s.serverConfiguration();
        assertEquals(true, server.get("ssl"));
        assertEquals("/c.pem", server.get("ssl.servercert"));
        assertEquals("/k.pem", server.get("ssl.serverkey"));
        assertEquals("/ca.pem", server.get("ssl.cacerts"));
        assertEquals(true, server.get("ssl.requireclientcert"));
        assertEquals(false, server.containsKey("ssl.serverkeypasswd"));
        assertEquals(4.0, s.namingConfiguration().get("autoclean"));
        assertEquals(1.5, s.namingConfiguration().get("comm.timeout"));
        assertEquals(false, LaunchPlan.of(List.of(), Map.of("PYRO_SSL", "0", "PYRO_SSL_SERVERCERT", "/c.pem"))
                .settings().serverConfiguration().containsKey("ssl"));
    }

    @Test
    void keyWarningAsPythonWarnings() {
        LaunchPlan plan = LaunchPlan.of(List.of("-k", "secret"), Map.of());
        assertEquals("secret", plan.settings().hmacKey());
        assertEquals("pyro-ns: UserWarning: using -k to supply HMAC key on the command line is a security problem "
                + "and is deprecated since Pyro 4.72. See the documentation for an alternative.\n", plan.warnings());
    }

    @Test
    void keyOptionAndEnvironmentKeyConflict() {
        LaunchStop stop = stop(List.of("-k", "a"), Map.of("PYRO_HMAC_KEY", "b"));
        assertEquals(1, stop.status);
        assertTrue(stop.stderr.endsWith("\nerror: don't use -k and PYRO_HMAC_KEY at the same time\n"), stop.stderr);
    }

    @Test
    void storageIsPassedOnAsGivenForTheNameServerToJudge() {
        for (String storage : new String[] {"sql:/tmp/ns.db", "dbm:/tmp/ns", "foo:bar", "sql:", "x", "memory"}) {
            assertEquals(Map.of("storage", storage, "autoclean", 0.0),
                    LaunchPlan.of(List.of("-s", storage), Map.of()).settings().namingConfiguration(), storage);
        }
        // pyro4-ns: storage = storage or "memory": -s "" is no -s (memory until a storage bundle is installed)
        assertEquals(Map.of("autoclean", 0.0), LaunchPlan.of(List.of("-s", ""), Map.of()).settings().namingConfiguration());
    }

    @Test
    void broadcastOptionsReachTheResponderConfiguration() {
        NameServerSettings s = LaunchPlan.of(List.of("--bchost", "0.0.0.0", "--bcport", "9999", "-x"), Map.of())
                .settings();
        assertEquals(Map.of("enabled", false, "bchost", "0.0.0.0", "bcport", 9999), s.broadcastConfiguration());
        assertEquals(Map.of("enabled", true, "bcport", 9091), LaunchPlan.of(List.of(), Map.of()).settings()
                .broadcastConfiguration());
    }

    @Test
    void natRulesOfPyro4Daemon() {
        LaunchStop natport = stop(List.of("--natport", "5"), Map.of());
        assertEquals("pyro-ns: error: must provide natport with nathost\n", natport.stderr);
        LaunchStop unix = stop(List.of("-u", "/tmp/s", "--nathost", "ext"), Map.of());
        assertEquals("pyro-ns: error: cannot use nathost together with unixsocket\n", unix.stderr);
        NameServerSettings bound = LaunchPlan.of(List.of("--nathost", "ext"), Map.of()).settings();
        assertEquals(0, bound.natport()); // 0: advertise the bound port, as Pyro4
    }

    @Test
    void environmentErrorsComeFirstWithPythonsText() {
        LaunchStop port = stop(List.of("-h"), Map.of("PYRO_NS_PORT", "abc"));
        assertEquals(1, port.status);
        assertEquals("pyro-ns: error: PYRO_NS_PORT: invalid literal for int() with base 10: 'abc'\n", port.stderr);
        LaunchStop timeout = stop(List.of(), Map.of("PYRO_COMMTIMEOUT", "x"));
        assertEquals("pyro-ns: error: PYRO_COMMTIMEOUT: could not convert string to float: 'x'\n", timeout.stderr);
        LaunchStop compression = stop(List.of(), Map.of("PYRO_COMPRESSION", "maybe"));
        assertEquals("pyro-ns: error: invalid boolean value: PYRO_COMPRESSION=maybe\n", compression.stderr);
        LaunchStop autoclean = stop(List.of(), Map.of("PYRO_NS_AUTOCLEAN", "1"));
        assertEquals("pyro-ns: error: NS_AUTOCLEAN cannot be smaller than 3\n", autoclean.stderr);
    }

    @Test
    void portOutOfRangeIsAnError() {
        LaunchStop stop = stop(List.of("-p", "99999"), Map.of());
        assertEquals(1, stop.status);
        assertEquals("pyro-ns: error: port must be 0-65535: 99999\n", stop.stderr);
    }

    @Test
    void helpIsPyro4sHelp() {
        LaunchStop help = stop(List.of("-n", "h", "--help"), Map.of());
        assertEquals(0, help.status);
        assertEquals("", help.stderr);
        assertTrue(help.stdout.startsWith("Usage: pyro-ns [options]\n\nOptions:\n  -h, --help "), help.stdout);
    }
}
