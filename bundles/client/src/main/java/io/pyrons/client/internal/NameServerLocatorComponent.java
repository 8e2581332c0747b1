package io.pyrons.client.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroRules;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.NameServerLocator;
import io.pyrons.client.Serializers;

/**
 * The client in a framework: a {@link NameServerLocator} service configured by PID {@code io.pyrons.client}
 * that uses whichever {@link Serializer} services are installed at the moment of a call.
 */
@Component(service = NameServerLocator.class, configurationPid = "io.pyrons.client")
@Designate(ocd = ClientConfiguration.class)
public class NameServerLocatorComponent extends NameServerLocator {
    private final ServiceSerializers serializers;

    @Activate
    public NameServerLocatorComponent(ClientConfiguration configuration) {
        this(configuration, new ServiceSerializers());
    }

    private NameServerLocatorComponent(ClientConfiguration configuration, ServiceSerializers serializers) {
        super(toClientConfig(configuration), serializers);
        this.serializers = serializers;
    }

    static ClientConfig toClientConfig(ClientConfiguration c) {
        return new ClientConfig(c.ns_host(), c.ns_port(), c.ns_bcport(), ClientConfig.parseAddresses(c.broadcast_addrs()),
                c.hmac_key().isEmpty() ? null : c.hmac_key(), c.serializer(),
                PyroRules.commTimeout(c.commtimeout()), protocol(c.protocol()));
    }

    /** {@code protocol}: a {@link PyroProtocol#configName()}, as the server's {@code protocols.accepted} names them. */
    private static PyroProtocol protocol(String name) {
        String wanted = name.strip().toLowerCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(PyroProtocol.values()).filter(p -> p.configName().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("protocol: unknown protocol '" + name + "' (known: pyro4, pyro5)"));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSerializer(Serializer serializer) {
        serializers.add(serializer);
    }

    void removeSerializer(Serializer serializer) {
        serializers.remove(serializer);
    }

    /** The serializer services currently bound, by name and id. */
    static final class ServiceSerializers implements Serializers {
        private final ConcurrentMap<String, Serializer> byName = new ConcurrentHashMap<>();
        private final ConcurrentMap<Integer, Serializer> byId = new ConcurrentHashMap<>();
        private final ConcurrentMap<Integer, Serializer> byPyro5Id = new ConcurrentHashMap<>();

        void add(Serializer s) {
            byName.put(s.name(), s);
            s.id(PyroProtocol.PYRO4).ifPresent(id -> byId.put(id, s));
            s.id(PyroProtocol.PYRO5).ifPresent(id -> byPyro5Id.put(id, s));
        }

        void remove(Serializer s) {
            byName.remove(s.name(), s);
            s.id(PyroProtocol.PYRO4).ifPresent(id -> byId.remove(id, s));
            s.id(PyroProtocol.PYRO5).ifPresent(id -> byPyro5Id.remove(id, s));
        }

        @Override
        public Optional<Serializer> byName(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        @Override
        public Optional<Serializer> byId(int id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<Serializer> byId(int id, PyroProtocol protocol) {
            return Optional.ofNullable((protocol == PyroProtocol.PYRO4 ? byId : byPyro5Id).get(id));
        }
    }
}
