package io.pyrons.server;

import java.util.Map;

import io.pyrons.api.expose.PyroObject;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageFlags;

/**
 * A decoded request after the handshake: answered already (a ping, a request that failed to decode or names no
 * object), or a call on its target, which runs on the I/O thread when the target declares it quick and on a
 * worker otherwise.
 */
sealed interface Call permits Call.Answered, Call.OnTarget {

    /** Whether it may run on the I/O thread. */
    boolean quick();

    /** Makes the call (if there is one to make) and says what to send. */
    Reply run();

    /** Nothing left to do but send {@code reply}. */
    record Answered(Reply reply) implements Call {
        @Override
        public boolean quick() {
            return true;
        }

        @Override
        public Reply run() {
            return reply;
        }
    }

    /** {@code invocation} on {@code target}, answered in {@code serializer}. */
    record OnTarget(RequestHandler handler, Message msg, String peer, Map<String, byte[]> annotations,
                    Serializer serializer, PyroObject target, Invocation invocation) implements Call {
        /**
         * A plain call its target declares {@linkplain PyroObject#isQuick quick}; batches and oneway calls never
         * are.
         */
        @Override
        public boolean quick() {
            if (msg.hasFlag(MessageFlags.BATCH) || msg.hasFlag(MessageFlags.ONEWAY)) {
                return false;
            }
            try {
                return target.isQuick(invocation.method(), invocation.args(), invocation.kwargs());
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public Reply run() {
            return handler.run(this);
        }
    }
}
