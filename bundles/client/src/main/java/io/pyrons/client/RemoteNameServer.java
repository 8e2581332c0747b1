package io.pyrons.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.pyrons.api.NameServer;
import io.pyrons.api.ProtocolError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.Registration;
import io.pyrons.protocol.values.PythonRepr;

/**
 * A name server on the network (Pyro4's or pyrons') behind the Java {@link NameServer} interface, so that
 * code written against the local service works with a remote one. Each operation is one call on the
 * {@code Pyro.NameServer} proxy; its errors ({@code NamingError}, {@code ValueError}, ...) come through as
 * they are. Over a Pyro5 proxy it calls Pyro5's API: {@code list} without metadata filters, {@code yplookup} for
 * them.
 */
public final class RemoteNameServer implements NameServer, AutoCloseable {
    private final PyroProxy proxy;

    public RemoteNameServer(PyroProxy proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
    }

    /** The proxy underneath, for calls beyond the interface. */
    public PyroProxy proxy() {
        return proxy;
    }

    @Override
    public int count() {
        return ((Number) proxy.invoke("count")).intValue();
    }

    @Override
    public PyroURI lookup(String name) {
        return NameServerLocator.asUri(proxy.invoke("lookup", name));
    }

    @Override
    public Registration lookupRegistration(String name) {
        List<Object> pair = sequence(proxy.invoke("lookup", List.of(name), Map.of("return_metadata", true)));
        if (pair.size() != 2) {
            throw new ProtocolError("lookup result is not a (uri, metadata) pair");
        }
        return new Registration(name, NameServerLocator.asUri(pair.get(0)).asString(), strings(pair.get(1)));
    }

    @Override
    public void register(String name, String uri, boolean safe, Collection<String> metadata) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("safe", safe);
        kwargs.put("metadata", NameServerLocator.metadataSet(metadata));
        proxy.invoke("register", List.of(name, uri), kwargs);
    }

    @Override
    public void setMetadata(String name, Collection<String> metadata) {
        proxy.invoke("set_metadata", java.util.Arrays.asList(name, NameServerLocator.metadataSet(metadata)), Map.of());
    }

    @Override
    public int remove(String name, String prefix, String regex) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("name", name);
        kwargs.put("prefix", prefix);
        kwargs.put("regex", regex);
        return ((Number) proxy.invoke("remove", List.of(), kwargs)).intValue();
    }

    @Override
    public List<Registration> list(String prefix, String regex,
                                   Collection<String> metadataAll, Collection<String> metadataAny) {
        if (proxy.config().protocol() == PyroProtocol.PYRO5) {
            return pyro5List(prefix, regex, metadataAll, metadataAny);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("prefix", prefix);
        kwargs.put("regex", regex);
        kwargs.put("metadata_all", NameServerLocator.metadataSet(metadataAll));
        kwargs.put("metadata_any", NameServerLocator.metadataSet(metadataAny));
        kwargs.put("return_metadata", true);
        return registrations(proxy.invoke("list", List.of(), kwargs));
    }

    /**
     * The name server's {@code yplookup} where it has one (pyrons); on a Pyro4 name server, which has none,
     * the same answer from {@code list(metadata_all=...)} filtered by {@code metadataAny} here.
     */
    @Override
    public List<Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny) {
        if (proxy.methods().contains("yplookup")) {
            Map<String, Object> kwargs = new LinkedHashMap<>();
            kwargs.put("meta_all", NameServerLocator.metadataSet(metadataAll));
            kwargs.put("meta_any", NameServerLocator.metadataSet(metadataAny));
            kwargs.put("return_metadata", true);
            return registrations(proxy.invoke("yplookup", List.of(), kwargs));
        }
        List<Registration> all = metadataAll == null || metadataAll.isEmpty()
                ? list(null, null, null, null) : list(null, null, metadataAll, null);
        if (metadataAny == null || metadataAny.isEmpty()) {
            return all;
        }
        return all.stream().filter(r -> r.metadata().stream().anyMatch(metadataAny::contains)).toList();
    }

    /**
     * Pyro4's {@code list} on Pyro5's name server, whose {@code list(prefix, regex, return_metadata)} has no metadata
     * filters: those go to {@code yplookup}. One filter at a time, as in Pyro4.
     */
    private List<Registration> pyro5List(String prefix, String regex,
                                         Collection<String> metadataAll, Collection<String> metadataAny) {
        long filters = java.util.stream.Stream.of(prefix, regex, metadataAll, metadataAny).filter(Objects::nonNull).count();
        if (filters > 1) {
            throw PythonException.valueError("you can only filter on one thing at a time");
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (metadataAll != null || metadataAny != null) {
            kwargs.put(metadataAll != null ? "meta_all" : "meta_any",
                    NameServerLocator.metadataSet(metadataAll != null ? metadataAll : metadataAny));
            kwargs.put("return_metadata", true);
            return registrations(proxy.invoke("yplookup", List.of(), kwargs));
        }
        kwargs.put("prefix", prefix);
        kwargs.put("regex", regex);
        kwargs.put("return_metadata", true);
        return registrations(proxy.invoke("list", List.of(), kwargs));
    }

    @Override
    public void ping() {
        proxy.invoke("ping");
    }

    @Override
    public void close() {
        proxy.close();
    }

    /** The answer's registrations sorted by name as Python sorts strings (by code point). */
    private static List<Registration> registrations(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new ProtocolError("list result is not a dict");
        }
        SortedMap<String, Registration> sorted = new TreeMap<>(PythonRepr::compareCodePoints);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (value instanceof String || value instanceof PyroURI) {
                sorted.put(name, new Registration(name, PythonRepr.str(value), Set.of()));
            } else {
                List<Object> pair = sequence(value);
                sorted.put(name, new Registration(name, PythonRepr.str(pair.get(0)), strings(pair.size() > 1 ? pair.get(1) : null)));
            }
        }
        return new ArrayList<>(sorted.values());
    }

    private static List<Object> sequence(Object value) {
        if (value instanceof Object[] tuple) {
            return java.util.Arrays.asList(tuple);
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        throw new ProtocolError("expected a sequence, got " + PythonRepr.repr(value));
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value != null) {
            for (Object o : sequence(value)) {
                result.add(String.valueOf(o));
            }
        }
        return result;
    }
}
