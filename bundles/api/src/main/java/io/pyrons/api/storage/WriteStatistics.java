package io.pyrons.api.storage;

import java.util.Hashtable;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import javax.management.DynamicMBean;
import javax.management.StandardMBean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Counts a storage provider's group commits for {@link WriteStatisticsMXBean}: one per provider, handed to the
 * stores it opens, which call {@link #committed} once per commit (never per lookup: reads cost nothing here).
 *
 * @since 1.3
 */
public final class WriteStatistics implements WriteStatisticsMXBean {
    private final LongAdder commits = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAccumulator maxGroup = new LongAccumulator(Math::max, 0);
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
    private ServiceRegistration<DynamicMBean> registration;

    /** A commit made {@code group} writes durable in {@code commitNanos}. */
    public void committed(long group, long commitNanos) {
        commits.increment();
        writes.add(group);
        nanos.add(commitNanos);
        maxGroup.accumulate(group);
        maxNanos.accumulate(commitNanos);
    }

    /** A commit failed; its writes were refused. */
    public void failed() {
        failed.increment();
    }

    /**
     * Publishes these figures as {@code io.pyrons:type=Storage,backend=TYPE}, a {@code jmx.objectname} service that
     * the JMX whiteboard registers, until {@link #unregister} (the provider's activate and deactivate).
     */
    public synchronized void register(BundleContext context, String type) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jmx.objectname", "io.pyrons:type=Storage,backend=" + type);
        registration = context.registerService(DynamicMBean.class,
                new StandardMBean(this, WriteStatisticsMXBean.class, true), props);
    }

    /** Withdraws what {@link #register} published; nothing when its bundle is already gone with it. */
    public synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException goneWithTheBundle) {
                // the framework unregistered it already
            }
            registration = null;
        }
    }

    @Override
    public long getCommits() {
        return commits.sum();
    }

    @Override
    public long getWritesCommitted() {
        return writes.sum();
    }

    @Override
    public long getCommitsFailed() {
        return failed.sum();
    }

    @Override
    public double getGroupCommitSizeMean() {
        long n = commits.sum();
        return n == 0 ? 0 : (double) writes.sum() / n;
    }

    @Override
    public long getGroupCommitSizeMax() {
        return maxGroup.get();
    }

    @Override
    public double getCommitLatencyMeanMicros() {
        long n = commits.sum();
        return n == 0 ? 0 : nanos.sum() / 1000.0 / n;
    }

    @Override
    public double getCommitLatencyMaxMicros() {
        return maxNanos.get() / 1000.0;
    }
}
