package io.pyrons.naming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.Registration;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.protocol.values.PythonSignature;
import io.pyrons.protocol.values.PythonTypes;

/**
 * Serves a {@link NameServer} to Pyro clients as Pyro4's {@code Pyro4.naming.NameServer} object: binds the
 * arguments as Python would for Pyro4 4.82's signatures (plus Pyro5's {@code yplookup}), checks their types in
 * Pyro4's order with its error texts, and returns values in the serializer value model. To Pyro5 clients it is
 * Pyro5's {@code Pyro5.nameserver.NameServer}: {@code list(prefix, regex, return_metadata)}, metadata as sets,
 * {@code remove} of a name answering at once, {@code yplookup}'s rules; the same names either way. Unlike Pyro5's
 * own, {@code list(return_metadata=True)} works with every serializer (its json and msgpack fail on an entry without
 * metadata).
 */
final class NameServerDispatch implements PyroObject {
    private static final String CLASS = "NameServer";

    private static final PythonSignature COUNT = signature("count", List.of());
    private static final PythonSignature LOOKUP = signature("lookup", List.of("name", "return_metadata"), false);
    private static final PythonSignature REGISTER =
            signature("register", List.of("name", "uri", "safe", "metadata"), false, null);
    private static final PythonSignature SET_METADATA = signature("set_metadata", List.of("name", "metadata"));
    private static final PythonSignature REMOVE = signature("remove", List.of("name", "prefix", "regex"), null, null, null);
    private static final PythonSignature LIST = signature("list",
            List.of("prefix", "regex", "metadata_all", "metadata_any", "return_metadata"), null, null, null, null, false);
    private static final PythonSignature PING = signature("ping", List.of());
    private static final PythonSignature YPLOOKUP =
            signature("yplookup", List.of("meta_all", "meta_any", "return_metadata"), null, null, true);

    /** Pyro5's {@code list}: three parameters, so Pyrolite 5's {@code list(prefix, regex, true)} asks for metadata. */
    private static final PythonSignature LIST5 =
            signature("list", List.of("prefix", "regex", "return_metadata"), null, null, false);

    private static final ExposedMembers MEMBERS = new ExposedMembers(
            Set.of("count", "lookup", "register", "set_metadata", "remove", "list", "ping", "yplookup"),
            Set.of(), Set.of());

    /** What an in-memory store answers at once: one name, or the count; never a scan (list, prefix/regex removal). */
    private static final Set<String> SINGLE_NAME_METHODS = Set.of("count", "lookup", "register", "set_metadata", "ping");

    private final NameServer nameServer;
    private final NameStorage store;

    /** {@code store}: what {@code nameServer} stores in, asked which calls it answers without I/O; null: none. */
    NameServerDispatch(NameServer nameServer, NameStorage store) {
        this.nameServer = nameServer;
        this.store = store;
    }

    private static PythonSignature signature(String method, List<String> parameters, Object... defaults) {
        return new PythonSignature(CLASS + "." + method, parameters, Arrays.asList(defaults));
    }

    @Override
    public ExposedMembers members() {
        return MEMBERS;
    }

    @Override
    public boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
        return store != null && isQuick(method, args, kwargs, store);
    }

    /**
     * Whether the call answers without I/O on {@code store}. Over a {@linkplain NameStorage#nonBlocking non-blocking}
     * store every single-name call; {@code remove} only by name: with a prefix or regex it scans and takes every lock
     * stripe. Over another store only what it {@linkplain NameStorage#readsWithoutBlocking reads without blocking}:
     * {@code count}, {@code ping}, and the {@code lookup} of a name its copy holds.
     */
    static boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs, NameStorage store) {
        if (store.nonBlocking()) {
            if (SINGLE_NAME_METHODS.contains(method)) {
                return true;
            }
            return method.equals("remove") && (args == null || args.size() <= 1)
                    && (kwargs == null || (kwargs.get("prefix") == null && kwargs.get("regex") == null));
        }
        return switch (method) {
            case "count", "ping" -> store.readsWithoutBlocking(null);
            case "lookup" -> lookupName(args, kwargs) instanceof String name && store.readsWithoutBlocking(name);
            default -> false;
        };
    }

    /** {@code lookup}'s name as given, unchecked (null when absent). */
    private static Object lookupName(List<Object> args, Map<String, Object> kwargs) {
        if (args != null && !args.isEmpty()) {
            return args.get(0);
        }
        return kwargs == null ? null : kwargs.get("name");
    }

    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs, PyroProtocol protocol) {
        if (protocol != PyroProtocol.PYRO5) {
            return invoke(method, args, kwargs);
        }
        List<Object> positional = args == null ? List.of() : args;
        return switch (method) {
            case "lookup" -> lookup5(LOOKUP.bind(positional, kwargs));
            case "remove" -> remove5(REMOVE.bind(positional, kwargs));
            case "list" -> list5(LIST5.bind(positional, kwargs));
            case "yplookup" -> yplookup5(YPLOOKUP.bind(positional, kwargs));
            default -> invoke(method, args, kwargs);
        };
    }

    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) {
        List<Object> positional = args == null ? List.of() : args;
        return switch (method) {
            case "count" -> count(COUNT.bind(positional, kwargs));
            case "lookup" -> lookup(LOOKUP.bind(positional, kwargs));
            case "register" -> register(REGISTER.bind(positional, kwargs));
            case "set_metadata" -> setMetadata(SET_METADATA.bind(positional, kwargs));
            case "remove" -> remove(REMOVE.bind(positional, kwargs));
            case "list" -> list(LIST.bind(positional, kwargs));
            case "ping" -> ping(PING.bind(positional, kwargs));
            case "yplookup" -> yplookup(YPLOOKUP.bind(positional, kwargs));
            default -> throw PythonException.attributeError("'" + CLASS + "' object has no attribute '" + method + "'");
        };
    }

    private Object count(Object[] a) {
        return (long) nameServer.count();
    }

    private Object ping(Object[] a) {
        nameServer.ping();
        return null;
    }

    private Object lookup(Object[] a) {
        // Pyro4 indexes the storage with the name, then builds "unknown name: " + name
        Object name = a[0];
        if (!(name instanceof String text)) {
            PythonValues.requireHashable(name);
            throw PythonException.typeError("can only concatenate str (not \"" + PythonValues.typeName(name) + "\") to str");
        }
        Registration registration = nameServer.lookupRegistration(text);
        PyroURI uri = registration.parsedUri();
        return PythonTypes.truthy(a[1]) ? new Object[]{uri, metadataList(registration)} : uri;
    }

    /** Pyro5's {@code lookup}: the metadata as a set. */
    private Object lookup5(Object[] a) {
        Object found = lookup(a);
        if (found instanceof Object[] pair && pair[1] instanceof List<?> tags) {
            return new Object[] {pair[0], new TreeSet<Object>(tags)};
        }
        return found;
    }

    private Object register(Object[] a) {
        Object uri = a[1];
        String uriText;
        if (uri instanceof PyroURI pyroUri) {
            uriText = pyroUri.asString();
        } else if (uri instanceof String text) {
            PyroURI.parse(text);
            uriText = text;
        } else {
            throw PythonException.typeError("only URIs or strings can be registered");
        }
        String name = requireName(a[0]);
        List<String> metadata = PythonValues.metadata(a[3], "metadata");
        nameServer.register(name, uriText, PythonTypes.truthy(a[2]), metadata);
        return null;
    }

    private Object setMetadata(Object[] a) {
        String name = requireName(a[0]);
        nameServer.setMetadata(name, PythonValues.metadata(a[1], "metadata"));
        return null;
    }

    private Object remove(Object[] a) {
        Object name = a[0];
        if (PythonTypes.truthy(name)) {
            PythonValues.requireHashable(name); // Pyro4's "name in storage"
            if (name instanceof String text && nameServer.remove(text, null, null) == 1) {
                return 1L;
            }
        }
        return removeByPrefixOrRegex(a);
    }

    /**
     * Pyro5's {@code remove}: a name (other than the name server's own) is removed or not and that is the answer;
     * prefix and regex are looked at only without one.
     */
    private Object remove5(Object[] a) {
        Object name = a[0];
        if (PythonTypes.truthy(name) && !NameServer.OBJECT_ID.equals(name)) {
            PythonValues.requireHashable(name);
            return name instanceof String text ? (long) nameServer.remove(text, null, null) : 0L;
        }
        return removeByPrefixOrRegex(a);
    }

    /** {@code remove}'s prefix, else its regex (Pyro4 and Pyro5 alike). */
    private Object removeByPrefixOrRegex(Object[] a) {
        if (PythonTypes.truthy(a[1])) {
            return (long) nameServer.remove(null, prefix(a[1]), null);
        }
        if (PythonTypes.truthy(a[2])) {
            return (long) nameServer.remove(null, null, regex(a[2]));
        }
        return 0L;
    }

    /** Pyro5's {@code list(prefix, regex, return_metadata)}: metadata as sets. */
    private Object list5(Object[] a) {
        if (PythonTypes.truthy(a[0]) && PythonTypes.truthy(a[1])) {
            throw PythonException.valueError("you can only filter on one thing at a time");
        }
        List<Registration> found;
        if (PythonTypes.truthy(a[0])) {
            found = nameServer.list(prefix(a[0]), null, null, null);
        } else if (PythonTypes.truthy(a[1])) {
            found = nameServer.list(null, regex(a[1]), null, null);
        } else {
            found = nameServer.list(null, null, null, null);
        }
        return new ListAnswer(found, PythonTypes.truthy(a[2]), true);
    }

    /** Pyro5's {@code yplookup}: one filter at a time, none gives {@code {}}; metadata as sets. */
    private Object yplookup5(Object[] a) {
        if (PythonTypes.truthy(a[0]) && PythonTypes.truthy(a[1])) {
            throw PythonException.valueError("you can't use meta_all or meta_any at the same time");
        }
        List<Registration> found;
        if (PythonTypes.truthy(a[0])) {
            if (a[0] instanceof String) {
                throw PythonException.typeError("metadata_all should not be a str, but another iterable (set, list, etc)");
            }
            found = nameServer.yplookup(PythonValues.metadata(a[0], "metadata_all"), null);
        } else if (PythonTypes.truthy(a[1])) {
            if (a[1] instanceof String) {
                throw PythonException.typeError("metadata_any should not be a str, but another iterable (set, list, etc)");
            }
            found = nameServer.yplookup(null, PythonValues.metadata(a[1], "metadata_any"));
        } else {
            found = List.of();
        }
        return new ListAnswer(found, PythonTypes.truthy(a[2]), true);
    }

    private Object list(Object[] a) {
        if (Arrays.stream(a, 0, 4).filter(v -> v != null).count() > 1) {
            throw PythonException.valueError("you can only filter on one thing at a time");
        }
        List<Registration> found;
        if (PythonTypes.truthy(a[0])) {
            found = nameServer.list(prefix(a[0]), null, null, null);
        } else if (PythonTypes.truthy(a[1])) {
            found = nameServer.list(null, regex(a[1]), null, null);
        } else if (PythonTypes.truthy(a[2])) {
            found = nameServer.list(null, null, PythonValues.metadata(a[2], "metadata_all"), null);
        } else if (PythonTypes.truthy(a[3])) {
            found = nameServer.list(null, null, null, PythonValues.metadata(a[3], "metadata_any"));
        } else {
            found = nameServer.list(null, null, null, null);
        }
        return result(found, PythonTypes.truthy(a[4]));
    }

    /**
     * Pyro5's {@code yplookup(meta_all, meta_any, return_metadata)}. Unlike Pyro5, both filters may be given at
     * once: the registrations carrying all of {@code meta_all} and at least one of {@code meta_any}.
     */
    private Object yplookup(Object[] a) {
        var all = PythonTypes.truthy(a[0]) ? PythonValues.metadata(a[0], "metadata_all") : null;
        var any = PythonTypes.truthy(a[1]) ? PythonValues.metadata(a[1], "metadata_any") : null;
        return result(nameServer.yplookup(all, any), PythonTypes.truthy(a[2]));
    }

    /** name -> uri string, or name -> (uri string, [metadata]) as Pyro4's list() after its fix_set. */
    private static Map<String, Object> result(List<Registration> found, boolean withMetadata) {
        return new ListAnswer(found, withMetadata);
    }

    /** Pyro4 sends metadata as a list; sorted so answers are reproducible. */
    static List<String> metadataList(Registration registration) {
        List<String> tags = new ArrayList<>(registration.metadata());
        tags.sort(null);
        return tags;
    }

    /** Pyro5 sends metadata as a set; sorted so answers are reproducible. */
    static Set<String> metadataSet(Registration registration) {
        return new TreeSet<>(registration.metadata());
    }

    private static String requireName(Object name) {
        if (name instanceof String text) {
            return text;
        }
        throw PythonException.typeError("name must be a str");
    }

    private static String prefix(Object prefix) {
        if (prefix instanceof String text) {
            return text;
        }
        if (prefix instanceof Object[]) {
            throw PythonException.typeError("prefix must be a str (a tuple of prefixes is not supported)");
        }
        throw PythonException.typeError("startswith first arg must be str or a tuple of str, not "
                + PythonValues.typeName(prefix));
    }

    private static String regex(Object regex) {
        if (regex instanceof String text) {
            return text;
        }
        throw PythonException.typeError("first argument must be string or compiled pattern");
    }
}
