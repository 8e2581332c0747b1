package io.pyrons.api.serializer;

import static io.pyrons.api.serializer.PyValues.dict;
import static io.pyrons.api.serializer.PyValues.list;

import io.pyrons.api.ProtocolError;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SecurityError;
import java.util.List;
import java.util.Map;

/**
 * The values of a name-server conversation that every serializer's src/test/python/make_fixtures.py has
 * real Pyro4 write, as the value model reads them. Methods return fresh (mutable) values.
 */
public final class NameServerFixtures {
    public static final PyroURI URI = PyroURI.pyro("obj_8a1e0b5e4c", "localhost", 51234);
    public static final String URI_TEXT = "PYRO:obj_8a1e0b5e4c@localhost:51234";
    public static final String NS = "Pyro.NameServer";
    /** A remote NamingError as Pyro4's daemon sends it back, with the remote traceback attribute. */
    public static final PythonException NAMING_ERROR = PythonException.of("Pyro4.errors.NamingError",
            List.of("unknown name: missing.name"), Map.of("_pyroTraceback", list("Traceback (most recent call last):\n",
                    "  File \"Pyro4/naming.py\", line 98, in lookup\n",
                    "Pyro4.errors.NamingError: unknown name: missing.name\n")));

    private NameServerFixtures() {
    }

    /** data_handshake: the client's handshake data. */
    public static Map<Object, Object> handshake() {
        return dict("handshake", "hello", "object", NS);
    }

    /** data_handshake_meta_reply: the daemon's handshake reply with the name server's metadata. */
    public static Map<Object, Object> handshakeMetaReply() {
        return dict("handshake", "hello", "meta", dict(
                "methods", list("count", "list", "lookup", "ping", "register", "remove", "set_metadata"),
                "oneway", list(), "attrs", list()));
    }

    /** data_list_result: {@code list()} without metadata. */
    public static Map<Object, Object> listResult() {
        return dict(NS, "PYRO:Pyro.NameServer@localhost:9090", "example.thermo", URI_TEXT);
    }

    /** data_exceptions: a builtin with two args, a Pyro error, a builtin with one, another Pyro error. */
    public static List<Object> exceptions() {
        return list(new PythonException("builtins.ValueError", list("bad", 42L), Map.of()),
                new SecurityError("no"), new PythonException("builtins.KeyError", "k"), new ProtocolError("proto"));
    }

    /** data_uris: a Unix socket URI, PYRONAME without and with a location, PYROMETA, an IPv6 host. */
    public static List<Object> uris() {
        return list(PyroURI.pyroUnix("obj", "/tmp/pyro.sock"),
                PyroURI.fromState("PYRONAME", "example.thermo", null, null, null),
                PyroURI.fromState("PYRONAME", "example.thermo", null, "nshost", 9999),
                PyroURI.fromState("PYROMETA", List.of("room:kitchen"), null, null, null),
                PyroURI.pyro("obj", "::1", 4444));
    }

    /** data_floats as the json, marshal and pickle scripts write them. */
    public static List<Object> floats() {
        return list(0.0, -0.0, 1.0, 0.1, 1.0 / 3, 1e16, 1e-5, 5e-324, 1.7976931348623157e308, 1e100);
    }
}
