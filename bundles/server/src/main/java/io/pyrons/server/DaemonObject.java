package io.pyrons.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.pyrons.api.DaemonError;
import io.pyrons.api.PyroError;
import io.pyrons.api.PythonException;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.api.expose.PyroObject;
import io.pyrons.protocol.values.PythonSignature;
import io.pyrons.protocol.values.PythonTypes;

/** Pyro4's {@code DaemonObject}, served as {@value PyroDaemon#DAEMON_OBJECT_ID}: ping, registered, info, get_metadata. */
final class DaemonObject implements PyroObject {
    private static final ExposedMembers MEMBERS = new ExposedMembers(
            Set.of("info", "get_next_stream_item", "close_stream", "get_metadata", "registered", "ping"), Set.of(), Set.of());

    private static final PythonSignature PING = PythonSignature.noArguments("DaemonObject.ping");
    private static final PythonSignature REGISTERED = PythonSignature.noArguments("DaemonObject.registered");
    private static final PythonSignature INFO = PythonSignature.noArguments("DaemonObject.info");
    private static final PythonSignature GET_METADATA =
            new PythonSignature("DaemonObject.get_metadata", List.of("objectId", "as_lists"), List.of(false));
    private static final PythonSignature GET_NEXT_STREAM_ITEM =
            new PythonSignature("DaemonObject.get_next_stream_item", List.of("streamId"), List.of());
    private static final PythonSignature CLOSE_STREAM =
            new PythonSignature("DaemonObject.close_stream", List.of("streamId"), List.of());

    private final ObjectRegistry objects;
    private final Supplier<String> info;

    DaemonObject(ObjectRegistry objects, Supplier<String> info) {
        this.objects = objects;
        this.info = info;
    }

    @Override
    public ExposedMembers members() {
        return MEMBERS;
    }

    /** Everything here answers from memory at once. */
    @Override
    public boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
        return true;
    }

    @Override
    public Object invoke(String method, List<Object> args, Map<String, Object> kwargs) {
        switch (method) {
            case "ping":
                PING.bind(args, kwargs);
                return null;
            case "registered":
                REGISTERED.bind(args, kwargs);
                return new ArrayList<>(objects.ids());
            case "info":
                INFO.bind(args, kwargs);
                return info.get();
            case "get_metadata": {
                Object[] a = GET_METADATA.bind(args, kwargs);
                return metadata(String.valueOf(a[0]), PythonTypes.truthy(a[1]));
            }
            case "get_next_stream_item":
                GET_NEXT_STREAM_ITEM.bind(args, kwargs);
                // this daemon never hands out item streams, so every stream id is a terminated one
                throw new PyroError("item stream terminated");
            case "close_stream":
                CLOSE_STREAM.bind(args, kwargs);
                return null;
            default:
                if (PrivateNames.isPrivate(method)) {
                    throw PythonException.attributeError("attempt to access private attribute '" + method + "'");
                }
                throw PythonException.attributeError("'DaemonObject' object has no attribute '" + method + "'");
        }
    }

    /** The metadata of a served object as the handshake and {@code get_metadata} send it: lists or sets. */
    Map<String, Object> metadata(String objectId, boolean asLists) {
        PyroObject target = objects.get(objectId).orElseThrow(() -> new DaemonError("unknown object"));
        ExposedMembers m = target.members();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("methods", collection(m.methods(), asLists));
        result.put("oneway", collection(m.oneway(), asLists));
        result.put("attrs", collection(m.attrs(), asLists));
        return result;
    }

    private static Object collection(Set<String> names, boolean asList) {
        TreeSet<String> sorted = new TreeSet<>(names);
        return asList ? new ArrayList<>(sorted) : sorted;
    }
}
