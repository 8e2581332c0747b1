package io.pyrons.serializer.pickle;

import java.util.List;
import java.util.Map;

/**
 * An object under construction on the unpickler's stack: pickle creates Pyro's objects empty (NEWOBJ,
 * REDUCE) and fills them later (BUILD). {@link PickledValues} turns them into the value model at the end.
 */
abstract sealed class PendingObject {
    /** {@code Pyro4.core.URI}: BUILD sets the state tuple {@code (protocol, object, sockname, host, port)}. */
    static final class Uri extends PendingObject {
        Object state;
    }

    /** {@code Pyro4.futures._ExceptionWrapper}: BUILD sets {@code {'exception': ...}}. */
    static final class Wrapper extends PendingObject {
        Object exception;
    }

    /** An exception: REDUCE gives the args, BUILD the {@code __dict__} (Pyro4's {@code _pyroTraceback}). */
    static final class ExceptionObject extends PendingObject {
        final String pythonType;
        final List<Object> args;
        Map<?, ?> attributes = Map.of();

        ExceptionObject(String pythonType, List<Object> args) {
            this.pythonType = pythonType;
            this.args = args;
        }
    }
}
