package io.pyrons.shell;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one console command on a thread of its own while the console's thread waits for it. Ctrl-C makes Gogo
 * interrupt the console's thread; had that thread been writing, the interrupt would close the session's output
 * channel (Gogo wraps it in an interruptible channel) and the console would print nothing ever after. The waiting
 * thread is interrupted instead; it asks the command to stop ({@link #cancelled()}, checked between output lines)
 * and reports {@code interrupted}. The command thread inherits the session's streams (Gogo's ThreadIO keeps them
 * in an inheritable thread local). The name server is never interrupted: only what the command prints stops.
 */
final class CommandThread<T> extends Thread {
    /** How long an interrupted command may take to notice before the console gets its prompt back. */
    static final long CANCEL_WAIT_MILLIS = 5_000;

    private final Supplier<T> command;
    private volatile boolean cancelled;
    private T result;
    private Throwable failure;

    private CommandThread(String name, Supplier<T> command) {
        super(name);
        this.command = command;
        setDaemon(true);
    }

    /** Runs {@code command} on a new command thread and returns its result, or fails with its failure. */
    static <T> T run(String name, Supplier<T> command) {
        CommandThread<T> thread = new CommandThread<>("pyrons " + name, command);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.cancelled = true;
            try {
                thread.join(TimeUnit.MILLISECONDS.toMillis(CANCEL_WAIT_MILLIS));
            } catch (InterruptedException again) {
                // a second Ctrl-C: give the prompt back now
            }
            throw new CommandFailure("interrupted");
        }
        if (thread.failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thread.failure instanceof Error error) {
            throw error;
        }
        return thread.result;
    }

    /** Whether the command running on this thread was asked to stop (or this thread was interrupted). */
    static boolean cancelled() {
        Thread current = Thread.currentThread();
        return current.isInterrupted() || current instanceof CommandThread<?> thread && thread.cancelled;
    }

    @Override
    public void run() {
        try {
            result = command.get();
        } catch (Throwable e) {
            failure = e;
        }
    }
}
