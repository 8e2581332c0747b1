package io.pyrons.bench.jmh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.PyroURI;
import io.pyrons.api.serializer.Invocation;

/** The payloads a name server sees most: a lookup call and its answer, a register with metadata, a list result. */
final class NameServerShapes {
    static final String NS = "Pyro.NameServer";

    private NameServerShapes() {
    }

    static Invocation lookupCall() {
        return new Invocation(NS, "lookup", List.of("example.service.greeting"), Map.of());
    }

    static PyroURI lookupAnswer() {
        return PyroURI.parse("PYRO:obj_8e4e5d2b6a1f4c4f9d1c0e8e1b7a3c21@127.0.0.1:51234");
    }

    static Invocation registerCall() {
        return new Invocation(NS, "register", List.of("example.service.greeting",
                "PYRO:obj_8e4e5d2b6a1f4c4f9d1c0e8e1b7a3c21@127.0.0.1:51234"),
                Map.of("safe", true, "metadata", Set.of("class:example.Greeting", "region:eu", "tier:gold")));
    }

    /** What {@code list(prefix=...)} answers with 1,000 matches: name -> URI string, in name order. */
    static Map<String, Object> listAnswer() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            m.put(String.format("example.service.%04d", i), "PYRO:obj_" + i + "@127.0.0.1:51234");
        }
        return m;
    }
}
