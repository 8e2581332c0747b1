package io.pyrons.storage.zookeeper;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.status.PartStatus;
import io.pyrons.api.status.PartStatus.State;
import io.pyrons.api.status.PartStatusRegistration;

import org.osgi.framework.BundleContext;

/**
 * The {@link PartStatus} {@value #PART} of the open ZooKeeper store: up while connected and the copy is read in
 * full, unavailable (reads may be stale, writes refused) otherwise; its detail is the store's status line
 * (members, leader, last applied change), refreshed on every change of state and every second.
 */
final class ClusterStatus {
    static final String PART = "cluster";

    private final BundleContext context;
    private final ScheduledExecutorService ticks;
    private PartStatusRegistration registration;
    private ZooKeeperNameStorage store;

    ClusterStatus(BundleContext context) {
        this.context = context;
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pyrons-zk-status");
            thread.setDaemon(true);
            return thread;
        });
        ticks.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void changed(ZooKeeperNameStorage changed) {
        store = changed;
        State state = changed.stale() ? State.UNAVAILABLE : State.UP;
        String detail = changed.description() + ": " + changed.statusLine();
        if (registration == null) {
            if (context != null) {
                registration = PartStatusRegistration.register(context, PART, state, detail, null);
            }
        } else if (registration.state() != state || !registration.detail().equals(detail)) {
            registration.update(state, detail, null);
        }
    }

    synchronized void closed(ZooKeeperNameStorage gone) {
        if (store == gone) {
            store = null;
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
        }
    }

    private synchronized void refresh() {
        if (store != null) {
            changed(store);
        }
    }

    synchronized void stop() {
        ticks.shutdownNow();
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        store = null;
    }
}
