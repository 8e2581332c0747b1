package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.pyrons.api.PythonException;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.client.RemoteNameServer;
import io.pyrons.client.Serializers;

/**
 * Serializer bundles come and go while the daemon runs: json is served once installed and refused once
 * removed, without disturbing the other serializers or the data.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SerializerHotSwapIT extends PyronsTestSupport {

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    @Test
    public void jsonIsServedWhileItsBundleIsInstalled() throws Exception {
        Bundle json = install(PyronsBundles.JSON);
        try {
            // the client keeps its own json instance: what changes is only what the daemon accepts
            Serializers clientSide = installedSerializers();
            assertTrue(clientSide.byName("json").isPresent());
            // @PyroSerializer(name = "json", id = 2) is the one statement of who it is: service properties and methods
            ServiceReference<Serializer> ref = context.getServiceReferences(Serializer.class, "(" + Serializer.NAME + "=json)")
                    .iterator().next();
            assertEquals(Integer.valueOf(2), ref.getProperty(Serializer.ID));
            assertEquals(2, clientSide.byName("json").get().id());
            RemoteNameServer viaJson = client("json", clientSide);
            viaJson.register("json.hot", "PYRO:j@127.0.0.1:8001", false, null);
            assertEquals("PYRO:j@127.0.0.1:8001", viaJson.lookup("json.hot").asString());

            json.uninstall();
            json = null;
            RemoteNameServer refused = client("json", clientSide);
            PythonException e = expectPyroError(() -> refused.lookup("json.hot"));
            assertTrue(e.pythonName() + ": " + e.getMessage(), e.getMessage().contains("serializer"));
            // the other serializers are not disturbed, nor the data
            assertEquals("PYRO:j@127.0.0.1:8001", client("serpent").lookup("json.hot").asString());
            client("serpent").remove("json.hot", null, null);
        } finally {
            if (json != null) {
                json.uninstall();
            }
        }
    }

    static PythonException expectPyroError(Runnable call) {
        try {
            call.run();
        } catch (PythonException e) {
            return e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof PythonException p) {
                return p;
            }
            throw e;
        }
        fail("expected a Pyro error");
        return null;
    }
}
