package io.pyrons.server;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.NamingError;
import io.pyrons.api.expose.Expose;
import io.pyrons.api.expose.Oneway;

/** A whiteboard object served by reflection in tests. */
public class Calculator {
    final CountDownLatch onewayDone = new CountDownLatch(1);
    volatile String lastOneway;

    @Expose
    public long add(long a, long b) {
        return a + b;
    }

    @Expose
    public String greet(String name, String greeting) {
        return greeting + ", " + name;
    }

    @Expose
    public int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    @Expose
    public void fail(String message) {
        throw new NamingError(message);
    }

    @Expose
    public String slow(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
        return "slept " + millis;
    }

    @Expose
    @Oneway
    public void record(String value) {
        lastOneway = value;
        onewayDone.countDown();
    }

    @Expose
    public String big(int size) {
        return "x".repeat(size);
    }

    /** Public but not exposed. */
    public String secret() {
        return "secret";
    }
}
