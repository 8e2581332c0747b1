package io.pyrons.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.SerializeError;
import io.pyrons.client.ClientConfig;
import io.pyrons.serializer.serpent.SerpentSerializer;

class NameServerLocatorComponentTest {
    private static ClientConfiguration configuration(String host, double timeout) {
        return configuration(host, timeout, "serpent", "pyro4");
    }

    private static ClientConfiguration configuration(String host, double timeout, String serializer, String protocol) {
        return new ClientConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return ClientConfiguration.class; }
            @Override public String ns_host() { return host; }
            @Override public int ns_port() { return 9999; }
            @Override public int ns_bcport() { return 9998; }
            @Override public String broadcast_addrs() { return "<broadcast>, ''"; }
            @Override public String hmac_key() { return ""; }
            @Override public String serializer() { return serializer; }
            @Override public String protocol() { return protocol; }
            @Override public double commtimeout() { return timeout; }
        };
    }

    @Test
    void configurationBecomesClientConfig() {
        assertEquals(new ClientConfig("nshost", 9999, 9998, List.of("<broadcast>", ""), null, "serpent", Duration.ofMillis(1500)),
                new NameServerLocatorComponent(configuration("nshost", 1.5)).config());
        assertThrows(IllegalArgumentException.class, () -> new NameServerLocatorComponent(configuration("h", -1)));
    }

    @Test
    void protocolNamesPyro4OrPyro5() {
        var component = new NameServerLocatorComponent(configuration("localhost", 0, "serpent", " Pyro5"));
        assertEquals(PyroProtocol.PYRO5, component.config().protocol());
        component.addSerializer(new SerpentSerializer());
        assertFalse(component.proxy("PYRO:x@127.0.0.1:1").isConnected());
        assertEquals(PyroProtocol.PYRO4, new NameServerLocatorComponent(configuration("localhost", 0)).config().protocol());
        assertEquals("protocol: unknown protocol 'pyro6' (known: pyro4, pyro5)", assertThrows(IllegalArgumentException.class,
                () -> new NameServerLocatorComponent(configuration("h", 0, "serpent", "pyro6"))).getMessage());
    }

    @Test
    void usesTheSerializerServicesBoundNow() {
        var component = new NameServerLocatorComponent(configuration("localhost", 0));
        SerializeError missing = assertThrows(SerializeError.class, () -> component.proxy("PYRO:x@127.0.0.1:1"));
        assertEquals("serializer 'serpent' is unknown or not available", missing.getMessage());
        SerpentSerializer serpent = new SerpentSerializer();
        component.addSerializer(serpent);
        assertFalse(component.proxy("PYRO:x@127.0.0.1:1").isConnected());
        component.removeSerializer(serpent);
        assertTrue(assertThrows(SerializeError.class, () -> component.proxy("PYRO:x@127.0.0.1:1")).getMessage().contains("serpent"));
    }
}
