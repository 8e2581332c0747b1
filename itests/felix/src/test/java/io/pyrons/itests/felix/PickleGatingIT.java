package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.pyrons.api.PythonException;
import io.pyrons.client.Serializers;

/**
 * Pickle is gated: installing its bundle is not enough, the daemon refuses it (with Pyro4's message) until
 * {@code serializers.accepted} names it. Excluded in the pom until io.pyrons.serializer.pickle builds.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PickleGatingIT extends PyronsTestSupport {

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    @Test
    public void pickleIsRefusedUntilAccepted() throws Exception {
        Bundle pickle = install(PyronsBundles.PICKLE);
        int port = port();
        try {
            Serializers clientSide = installedSerializers();
            PythonException e = SerializerHotSwapIT.expectPyroError(() -> {
                try {
                    client("pickle", clientSide).ping();
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            // refused at the handshake, reported as Pyro4's client reports it
            assertEquals("CommunicationError", e.pythonName());
            assertTrue(e.getMessage(), e.getMessage().matches(
                    "connection to \\('127\\.0\\.0\\.1', \\d+\\) rejected: message used serializer that is not accepted: 4"));

            update(SERVER, props("host", "127.0.0.1", "port", port, "serializers.accepted", "serpent,json,marshal,pickle"));
            Await.until("a pickle client to be served", TIMEOUT, () -> {
                try {
                    client("pickle", clientSide).ping();
                    return true;
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
        } finally {
            update(SERVER, props("host", "127.0.0.1", "port", port));
            pickle.uninstall();
        }
    }

}
