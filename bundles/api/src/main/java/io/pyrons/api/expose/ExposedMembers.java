package io.pyrons.api.expose;

import java.util.Set;

/** What a Pyro object exposes, as Pyro4's {@code get_exposed_members}: methods, oneway methods, attributes. */
public record ExposedMembers(Set<String> methods, Set<String> oneway, Set<String> attrs) {
    public ExposedMembers {
        methods = Set.copyOf(methods);
        oneway = Set.copyOf(oneway);
        attrs = Set.copyOf(attrs);
    }
}
