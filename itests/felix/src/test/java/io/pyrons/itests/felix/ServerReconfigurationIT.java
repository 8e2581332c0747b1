package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.pyrons.api.NameServer;
import io.pyrons.api.PythonException;
import io.pyrons.api.PyroURI;
import io.pyrons.client.ClientConfig;
import io.pyrons.client.PyroProxy;
import io.pyrons.client.RemoteNameServer;

/**
 * Issue 12: changing what the daemon accepts ({@code serializers.accepted} of {@code io.pyrons.server}) is a
 * setting of the running daemon, not a reason to start the name server over: the names registered in the
 * memory store are still there afterwards, and a client connection opened before the change keeps working.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerReconfigurationIT extends PyronsTestSupport {

    @Test
    public void changingAcceptedSerializersKeepsNamesAndOpenConnections() throws Exception {
        startNameServer();
        int port = port();
        RemoteNameServer open = client("serpent");
        open.register("kept.one", "PYRO:one@127.0.0.1:9001", false, null);
        open.register("kept.two", "PYRO:two@127.0.0.1:9002", false, Set.of("meta"));
        assertEquals("marshal accepted before the change", "PYRO:one@127.0.0.1:9001", lookupWith("marshal", port));

        update(SERVER, props("host", "127.0.0.1", "port", port, "serializers.accepted", "serpent,json"));
        Await.until("marshal to be refused (the change applied)", TIMEOUT, () -> refusesMarshal());

        // both are checked, so that a failure says whether the names, the open connection or both were lost
        List<String> failures = new ArrayList<>();
        Set<String> names = client("serpent").list(null, null, null, null).keySet();
        if (!names.equals(Set.of(NameServer.OBJECT_ID, "kept.one", "kept.two"))) {
            failures.add("the names registered before the change are gone: " + names);
        }
        try {
            // the connection opened before the change: one call, no retry
            String uri = open.lookup("kept.one").asString();
            if (!"PYRO:one@127.0.0.1:9001".equals(uri) || !open.proxy().isConnected()) {
                failures.add("the open connection answered " + uri + ", connected " + open.proxy().isConnected());
            }
        } catch (RuntimeException e) {
            failures.add("the connection opened before the change failed: " + e);
        }
        assertEquals(List.of(), failures);
    }

    private String lookupWith(String serializer, int port) throws Exception {
        try (RemoteNameServer remote = new RemoteNameServer(new PyroProxy(PyroURI.pyro(NameServer.OBJECT_ID, "127.0.0.1", port),
                ClientConfig.defaults().withSerializer(serializer).withCommTimeout(Duration.ofSeconds(10)), installedSerializers()))) {
            return remote.lookup("kept.one").asString();
        }
    }

    private boolean refusesMarshal() {
        try {
            lookupWith("marshal", port());
            return false;
        } catch (PythonException e) {
            return e.getMessage() != null && e.getMessage().contains("serializer");
        } catch (Exception e) {
            return false;
        }
    }
}
