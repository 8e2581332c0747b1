package io.pyrons.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.Registration;

/** A phone book in a TreeMap with Pyro4's errors, enough to check what the commands print. */
class FakeNameServer implements NameServer {
    final TreeMap<String, Registration> names = new TreeMap<>();
    int pings;

    FakeNameServer with(String name, String uri, String... metadata) {
        names.put(name, new Registration(name, uri, Set.of(metadata)));
        return this;
    }

    @Override
    public int count() {
        return names.size();
    }

    @Override
    public PyroURI lookup(String name) {
        return lookupRegistration(name).parsedUri();
    }

    @Override
    public Registration lookupRegistration(String name) {
        Registration r = names.get(name);
        if (r == null) {
            throw new NamingError("unknown name: " + name);
        }
        return r;
    }

    @Override
    public void register(String name, String uri, boolean safe, Collection<String> metadata) {
        PyroURI.parse(uri);
        if (safe && names.containsKey(name)) {
            throw new NamingError("name already registered: " + name);
        }
        names.put(name, new Registration(name, uri, metadata == null ? Set.of() : Set.copyOf(metadata)));
    }

    @Override
    public void setMetadata(String name, Collection<String> metadata) {
        Registration r = lookupRegistration(name);
        names.put(name, new Registration(name, r.uri(), Set.copyOf(metadata)));
    }

    @Override
    public int remove(String name, String prefix, String regex) {
        if (name != null && names.remove(name) != null) {
            return 1;
        }
        if (regex != null) {
            Pattern p = Pattern.compile(regex);
            int before = names.size();
            names.keySet().removeIf(n -> p.matcher(n).lookingAt());
            return before - names.size();
        }
        return 0;
    }

    @Override
    public List<Registration> list(String prefix, String regex, Collection<String> metadataAll,
                                   Collection<String> metadataAny) {
        List<Registration> result = new ArrayList<>();
        for (Registration r : names.values()) {
            if ((prefix == null || r.name().startsWith(prefix))
                    && (regex == null || Pattern.compile(regex).matcher(r.name()).lookingAt())) {
                result.add(r);
            }
        }
        return result;
    }

    @Override
    public List<Registration> yplookup(Collection<String> metadataAll, Collection<String> metadataAny) {
        List<Registration> result = new ArrayList<>();
        for (Registration r : names.values()) {
            boolean all = metadataAll == null || r.metadata().containsAll(metadataAll);
            boolean any = metadataAny == null || metadataAny.stream().anyMatch(r.metadata()::contains);
            if (all && any) {
                result.add(r);
            }
        }
        return result;
    }

    @Override
    public void ping() {
        pings++;
    }
}
