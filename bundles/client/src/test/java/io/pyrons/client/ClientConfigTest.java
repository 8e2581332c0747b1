package io.pyrons.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientConfigTest {
    @Test
    void pyro4Defaults() {
        ClientConfig c = ClientConfig.fromEnvironment(Map.of());
        assertEquals(ClientConfig.defaults(), c);
        assertEquals("localhost", c.nsHost());
        assertEquals(9090, c.nsPort());
        assertEquals(9091, c.nsBcPort());
        assertEquals(List.of("<broadcast>", "0.0.0.0"), c.broadcastAddresses());
        assertNull(c.hmacKey());
        assertNull(c.hmacKeyBytes());
        assertEquals("serpent", c.serializer());
        assertEquals(Duration.ZERO, c.commTimeout());
    }

    @Test
    void environmentOverrides() {
        ClientConfig c = ClientConfig.fromEnvironment(Map.of("PYRO_NS_HOST", "ns.example", "PYRO_NS_PORT", "1234",
                "PYRO_NS_BCPORT", "1235", "PYRO_BROADCAST_ADDRS", " 10.0.0.255 ,'', <broadcast>", "PYRO_HMAC_KEY", "k\u00e9y",
                "PYRO_SERIALIZER", "json", "PYRO_COMMTIMEOUT", "2.5", "PYRO_HOST", "ignored.for.ns"));
        assertEquals(new ClientConfig("ns.example", 1234, 1235, List.of("10.0.0.255", "", "<broadcast>"), "k\u00e9y", "json",
                Duration.ofMillis(2500)), c);
        assertArrayEquals("k\u00e9y".getBytes(StandardCharsets.UTF_8), c.hmacKeyBytes());
    }

    @Test
    void badNumbersAreRefusedWithPythonsMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientConfig.fromEnvironment(Map.of("PYRO_NS_PORT", "abc")));
        assertEquals("PYRO_NS_PORT: invalid literal for int() with base 10: 'abc'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.fromEnvironment(Map.of("PYRO_COMMTIMEOUT", "-1")));
    }
}
