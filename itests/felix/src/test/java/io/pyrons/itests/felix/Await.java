package io.pyrons.itests.felix;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition with a deadline: the framework reacts to configuration and bundle changes asynchronously. */
final class Await {
    private Await() {
    }

    static void until(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }

    /** The value of {@code action} once it succeeds; its last failure if it never does. */
    static <T> T result(String what, Duration timeout, Supplier<T> action) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s: " + what);
        failure.initCause(last);
        throw failure;
    }
}
