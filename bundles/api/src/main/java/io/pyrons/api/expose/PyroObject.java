package io.pyrons.api.expose;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

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
}
