package io.pyrons.itests.felix;

import static org.junit.Assert.assertEquals;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.pyrons.api.NameServer;
import io.pyrons.api.status.PartStatus;
import io.pyrons.client.RemoteNameServer;

/**
 * The memory store lives as long as the storage-memory bundle: reconfiguring the daemon, or restarting the
 * naming, server or broadcast bundle, keeps every registered name, and the name server's own entry follows the
 * daemon to its new address.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NamesSurviveRestartsIT extends PyronsTestSupport {

    @Before
    public void nameServer() throws Exception {
        startNameServer();
    }

    /** A fresh client of the daemon as it is now, once it serves the name server again. */
    RemoteNameServer reconnect() throws Exception {
        awaitServed(NameServer.OBJECT_ID);
        awaitNameServerStatus(PartStatus.State.UP, "memory");
        return client("serpent");
    }

    @Test
    public void reconfiguringTheDaemonKeepsTheNamesAndMovesTheNameServersEntry() throws Exception {
        client("serpent").register("survives.reconfiguration", "PYRO:r@127.0.0.1:8001", false, null);
        int before = port();

        // port 0 again would keep the socket (the daemon applies what it can in place): name another free port
        int other;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            other = free.getLocalPort();
        }
        update(SERVER, props("host", "127.0.0.1", "port", other, "serializers.accepted", "serpent,json,marshal,pickle"));
        Await.until("the daemon on port " + other + " (was " + before + ")", TIMEOUT, () -> {
            try {
                return port() == other;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        RemoteNameServer remote = reconnect();
        assertEquals("PYRO:r@127.0.0.1:8001", Await.result("a lookup after the reconfiguration", TIMEOUT,
                () -> remote.lookup("survives.reconfiguration")).asString());
        int now = port();
        Await.until("Pyro.NameServer registered at port " + now, TIMEOUT,
                () -> remote.lookup(NameServer.OBJECT_ID).asString().equals("PYRO:Pyro.NameServer@127.0.0.1:" + now));
    }

    @Test
    public void stoppingAndStartingTheNamingServerAndBroadcastBundlesKeepsTheNames() throws Exception {
        client("serpent").register("survives.restarts", "PYRO:s@127.0.0.1:8002", false, null);
        for (String name : new String[] {"io.pyrons.naming", "io.pyrons.server", "io.pyrons.broadcast"}) {
            Bundle bundle = installed(name);
            bundle.stop();
            bundle.start();
            RemoteNameServer remote = reconnect();
            assertEquals("after restarting " + name, "PYRO:s@127.0.0.1:8002", Await.result("a lookup after restarting "
                    + name, TIMEOUT, () -> remote.lookup("survives.restarts")).asString());
        }
    }
}
