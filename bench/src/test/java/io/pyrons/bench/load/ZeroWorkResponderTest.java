package io.pyrons.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.PyroURI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ZeroWorkResponderTest {
    @Test
    void answersHandshakeAndEveryCallWithTheCapturedPyro4Replies() throws Exception {
        try (ZeroWorkResponder responder = ZeroWorkResponder.withCapturedReplies()) {
            Thread acceptor = new Thread(responder::serve);
            acceptor.setDaemon(true);
            acceptor.start();
            try (RawPyroClient c = RawPyroClient.connected(responder.address(), 5_000)) {
                for (int i = 0; i < 3; i++) { // the client checks that each reply echoes its own seq
                    Object answer = c.call("lookup", List.of("anything"), Map.of());
                    assertEquals(PyroURI.parse("PYRO:bench.object@127.0.0.1:9999"), answer);
                }
            }
        }
    }
}
