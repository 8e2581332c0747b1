package io.pyrons.api.expose;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import io.pyrons.api.PyroProtocol;

/**
 * An object that dispatches Pyro calls itself. A service registered with {@link #OBJECT_ID} that implements
 * this interface is called through it; any other such service is called by reflection on its
 * {@link Expose}d methods.
 */
@ConsumerType
public interface PyroObject {
    /** Service property: the Pyro object id the service is served under. */
    String OBJECT_ID = "pyrons.object.id";

    /** What clients may call; sent in the connect handshake. */
    ExposedMembers members();

    /**
     * Calls {@code method}. Arguments and result follow the value model of
     * {@link io.pyrons.api.serializer.Serializer}; a {@link io.pyrons.api.PythonException} reaches the client
     * as that Python exception.
     */
    Object invoke(String method, List<Object> args, Map<String, Object> kwargs) throws Exception;

    /**
     * Calls {@code method} for a client of {@code protocol}: an object whose API differs between Pyro versions (the
     * name server's {@code list}, {@code lookup}, {@code remove}) answers each client the way its own Pyro
     * version's object would. By default the same as {@link #invoke(String, List, Map)}.
     */
    default Object invoke(String method, List<Object> args, Map<String, Object> kwargs, PyroProtocol protocol)
            throws Exception {
        return invoke(method, args, kwargs);
    }

    /**
     * Whether this call is known to finish in microseconds without blocking: no disk or network I/O, no scan of
     * many entries, no waiting for another caller's slow work. The daemon runs such a call on the I/O thread that
     * read it, saving the hand-off to a worker thread and back; any other call runs on a worker, so a slow call
     * never holds up other connections. Called with the arguments as received (not yet checked); must not throw.
     * When in doubt, false — the default.
     */
    default boolean isQuick(String method, List<Object> args, Map<String, Object> kwargs) {
        return false;
    }
}
