package io.pyrons.itests.felix;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.PyroSerializer;
import io.pyrons.api.serializer.Serializer;

/**
 * The msgpack serializer bundle in a real Felix: it resolves against msgpack-core (an OSGi bundle from Maven
 * Central), registers its Serializer service with Pyro5's id only, works there (msgpack-core's classes loaded
 * through OSGi), and comes and goes while the daemon serves the other serializers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MsgpackBundleIT extends PyronsTestSupport {

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    @Test
    public void msgpackComesAndGoesAsAPyro5OnlySerializer() throws Exception {
        Bundle core = install(PyronsBundles.MSGPACK_CORE);
        Bundle msgpack = install(PyronsBundles.MSGPACK);
        try {
            Collection<ServiceReference<Serializer>> refs = context.getServiceReferences(Serializer.class,
                    "(" + Serializer.NAME + "=msgpack)");
            assertEquals(1, refs.size());
            ServiceReference<Serializer> ref = refs.iterator().next();
            assertEquals(Integer.valueOf(4), ref.getProperty(Serializer.PYRO5_ID));
            assertEquals(Integer.valueOf(PyroSerializer.NONE), ref.getProperty(Serializer.ID));

            Serializer serializer = context.getService(ref);
            try {
                Invocation call = new Invocation("Pyro.NameServer", "register",
                        List.of("a.b", PyroURI.parse("PYRO:obj@localhost:5555")), Map.of("safe", true));
                Invocation read = serializer.deserializeCall(serializer.serializeCall(call, PyroProtocol.PYRO5), PyroProtocol.PYRO5);
                assertEquals(call.args(), read.args());
                assertEquals(call.kwargs(), read.kwargs());
                // a Pyro4-named error goes to a Pyro5 peer in Pyro5's module: {"__class__": "Pyro5.errors.NamingError", ...}
                byte[] error = serializer.serializeData(new NamingError("unknown name: x"), PyroProtocol.PYRO5);
                assertTrue(new String(error, java.nio.charset.StandardCharsets.UTF_8).contains("Pyro5.errors.NamingError"));
                assertTrue(serializer.deserializeData(error, PyroProtocol.PYRO5) instanceof NamingError);
                assertArrayEquals(new byte[] {(byte) 0x92, 1, (byte) 0xc3},
                        serializer.serializeData(new Object[] {1, true}, PyroProtocol.PYRO5));
            } finally {
                context.ungetService(ref);
            }
            // the daemon goes on serving Pyro4 clients with the serializers it had
            client("serpent").register("msgpack.hot", "PYRO:m@127.0.0.1:8002", false, null);
            assertEquals("PYRO:m@127.0.0.1:8002", client("marshal").lookup("msgpack.hot").asString());

            msgpack.uninstall();
            msgpack = null;
            assertEquals(0, context.getServiceReferences(Serializer.class, "(" + Serializer.NAME + "=msgpack)").size());
            assertEquals("PYRO:m@127.0.0.1:8002", client("serpent").lookup("msgpack.hot").asString());
            client("serpent").remove("msgpack.hot", null, null);
        } finally {
            if (msgpack != null) {
                msgpack.uninstall();
            }
            core.uninstall();
        }
    }
}
