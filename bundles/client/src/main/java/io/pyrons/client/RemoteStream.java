package io.pyrons.client;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.pyrons.api.PythonException;
import io.pyrons.api.expose.PyroDaemon;
import io.pyrons.protocol.MessageFlags;

/**
 * The result of a call that returned an iterator or generator (Pyro4's {@code _StreamResultIterator}): items
 * are fetched one by one from the daemon ({@code get_next_stream_item}) until the remote side raises
 * {@code StopIteration}. {@link #close()} tells the daemon to drop an unfinished stream.
 */
final class RemoteStream implements Iterator<Object>, AutoCloseable {
    private final PyroProxy proxy;
    private final String streamId;
    private Object next;
    private boolean fetched;
    private boolean finished;

    RemoteStream(PyroProxy proxy, String streamId) {
        this.proxy = proxy;
        this.streamId = streamId;
    }

    @Override
    public synchronized boolean hasNext() {
        if (!fetched && !finished) {
            try {
                next = proxy.call(PyroDaemon.DAEMON_OBJECT_ID, "get_next_stream_item", List.of(streamId), Map.of(), 0);
                fetched = true;
            } catch (PythonException e) {
                if (!e.pythonName().equals("StopIteration") && !e.pythonName().equals("GeneratorExit")) {
                    throw e;
                }
                finished = true;
            }
        }
        return fetched;
    }

    @Override
    public synchronized Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("remote iterator exhausted");
        }
        fetched = false;
        Object value = next;
        next = null;
        return value;
    }

    @Override
    public synchronized void close() {
        if (!finished && proxy.isConnected()) {
            finished = true;
            proxy.call(PyroDaemon.DAEMON_OBJECT_ID, "close_stream", List.of(streamId), Map.of(), MessageFlags.ONEWAY);
        }
    }
}
