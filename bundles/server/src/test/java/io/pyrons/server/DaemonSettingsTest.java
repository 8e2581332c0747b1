package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The typed configuration becomes checked settings; defaults are Pyro4's. */
class DaemonSettingsTest {
    /** A configuration as DS would build it: the annotation defaults, overridden by {@code values}. */
    static DaemonConfiguration config(Map<String, Object> values) {
        return (DaemonConfiguration) Proxy.newProxyInstance(DaemonConfiguration.class.getClassLoader(),
                new Class<?>[]{DaemonConfiguration.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void defaults() {
        DaemonSettings s = DaemonSettings.from(config(Map.of()));
        assertEquals("localhost", s.host());
        assertEquals(9090, s.port());
        assertEquals("", s.unixSocket());
        assertEquals(Set.of("serpent", "json", "marshal", "msgpack"), s.acceptedSerializers());
        assertEquals(256 << 20, s.maxMessageSize(), "256 MiB: a forged 2 GB length is refused at once");
        assertEquals(Duration.ZERO, s.commTimeout());
        assertEquals(Duration.ofSeconds(10), s.handshakeTimeout());
        assertEquals(16, s.workers());
        assertEquals(0, s.hmacKey().length);
    }

    @Test
    void valuesAreParsed() {
        DaemonSettings s = DaemonSettings.from(config(Map.of("hmac_key", "sécret", "serializers_accepted", " json , pickle,",
                "comm_timeout", 2.5)));
        assertArrayEquals("sécret".getBytes(StandardCharsets.UTF_8), s.hmacKey());
        assertEquals(Set.of("json", "pickle"), s.acceptedSerializers());
        assertEquals(Duration.ofMillis(2500), s.commTimeout());
    }

    @Test
    void sslKeysBecomeTlsSettings() {
        assertEquals(TlsSettings.OFF, DaemonSettings.from(config(Map.of())).tls());
        DaemonSettings s = DaemonSettings.from(config(Map.of("ssl", true, "ssl_servercert", "/etc/ns/cert.pem",
                "ssl_serverkey", "/etc/ns/key.pem", "ssl_serverkeypasswd", "pw", "ssl_cacerts", "/etc/ns/ca.pem",
                "ssl_requireclientcert", true)));
        assertEquals(new TlsSettings(true, "/etc/ns/cert.pem", "/etc/ns/key.pem", "pw", "/etc/ns/ca.pem", true), s.tls());
        assertThrows(IllegalArgumentException.class, () -> DaemonSettings.from(config(Map.of("ssl", true))));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DaemonSettings.from(config(Map.of("port", 70000))));
        assertThrows(IllegalArgumentException.class, () -> DaemonSettings.from(config(Map.of("workers", 0))));
        assertThrows(IllegalArgumentException.class, () -> DaemonSettings.from(config(Map.of("comm_timeout", -1.0))));
        assertThrows(IllegalArgumentException.class,
                () -> DaemonSettings.from(config(Map.of("nathost", "nat", "unixsocket", "/tmp/x.sock"))));
    }
}
