package io.pyrons.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pyrons.api.serializer.Invocation;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageFlags;
import io.pyrons.protocol.MessageType;

/** A decoded request is answered already or a call on its target; only the latter may have to wait for a worker. */
class CallTest {
    private final MessageCodec codec = new MessageCodec();
    private final ObjectRegistry objects = new ObjectRegistry();
    private final RequestHandler handler;

    CallTest() {
        SerializerRegistry serializers = new SerializerRegistry(Set.of("test"));
        serializers.add(DaemonTest.SER);
        DaemonObject daemonObject = new DaemonObject(objects, () -> "info");
        objects.add("Pyro.Daemon", daemonObject);
        objects.add("threads", new IoThreadsTest.ThreadReporter());
        handler = new RequestHandler(new Framing.Pyro4(codec), serializers, objects, daemonObject, false, 1 << 20, null,
                new ServerMetrics());
    }

    private Message invoke(String object, String method, int flags) {
        return new Message(MessageType.INVOKE, flags, 1, DaemonTest.SER.id(),
                DaemonTest.SER.serializeCall(new Invocation(object, method, List.of(), Map.of())));
    }

    @Test
    void pingsAndFailuresAreAnsweredAtOnce() {
        Call ping = handler.prepare(new Message(MessageType.PING, 0, 1, DaemonTest.SER.id(), new byte[0]), "peer");
        assertInstanceOf(Call.Answered.class, ping);
        assertTrue(ping.quick());
        assertEquals(MessageType.PING, codec.decode(ping.run().bytes()).type());
        Call unknown = handler.prepare(invoke("nobody", "here", 0), "peer");
        Reply error = assertInstanceOf(Call.Answered.class, unknown).reply();
        assertTrue(codec.decode(error.bytes()).hasFlag(MessageFlags.EXCEPTION));
    }

    @Test
    void callsOnTargetsAreQuickOnlyWhenTheTargetSaysSoAndNeverWhenOneway() {
        Call here = handler.prepare(invoke("threads", "here", 0), "peer");
        assertTrue(assertInstanceOf(Call.OnTarget.class, here).quick());
        assertFalse(handler.prepare(invoke("threads", "elsewhere", 0), "peer").quick());
        assertFalse(handler.prepare(invoke("threads", "here", MessageFlags.ONEWAY), "peer").quick());
        assertEquals(Thread.currentThread().getName(),
                DaemonTest.SER.deserializeData(codec.decode(here.run().bytes()).data()));
    }

    @Test
    void theCasesAreClosed() {
        assertEquals(List.of(Call.Answered.class, Call.OnTarget.class), List.of(Call.class.getPermittedSubclasses()));
    }
}
