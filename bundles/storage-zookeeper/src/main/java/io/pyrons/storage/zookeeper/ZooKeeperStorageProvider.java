package io.pyrons.storage.zookeeper;

import java.time.Duration;

import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.api.storage.StorageType;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Opens name stores shared through Apache ZooKeeper: {@code storage = zk:HOST:PORT[,HOST:PORT...][/chroot]}.
 * Every name server that opens the same location serves the same namespace ({@link ZooKeeperNameStorage}).
 */
@Component(immediate = true)
@StorageType(ZooKeeperStorageProvider.TYPE)
@Designate(ocd = ZooKeeperStorageProvider.Config.class)
public class ZooKeeperStorageProvider implements StorageProvider {
    static final String TYPE = "zk";

    @ObjectClassDefinition(name = "pyrons ZooKeeper storage",
            description = "Timeouts of the name stores shared through ZooKeeper (storage = zk:HOST:PORT[,...][/chroot])")
    @interface Config {
        @AttributeDefinition(description = "ZooKeeper session timeout, seconds: an instance silent that long leaves the members")
        double session_timeout() default 10;

        @AttributeDefinition(description = "How long a write waits for ZooKeeper (for a connection, then for the "
                + "commit), seconds; then it fails with 'storage unavailable'. Also bounds a lookup's check of a name "
                + "this instance does not hold")
        double operation_timeout() default 5;
    }

    private final BundleContext context;
    private final ClusterStatus status;
    private volatile Duration sessionTimeout;
    private volatile Duration operationTimeout;

    @Activate
    public ZooKeeperStorageProvider(BundleContext context, Config config) {
        this.context = context;
        this.status = new ClusterStatus(context);
        modified(config);
    }

    /** Applies to stores opened from now on; also publishes the new properties (e.g. a default.location). */
    @Modified
    void modified(Config config) {
        sessionTimeout = seconds(config.session_timeout(), "session.timeout");
        operationTimeout = seconds(config.operation_timeout(), "operation.timeout");
    }

    private static Duration seconds(double seconds, String what) {
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException(what + " must be between 0 and 3600 seconds, not " + seconds);
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    @Deactivate
    void deactivate() {
        status.stop();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public NameStorage open(String location) throws StorageException {
        return ZooKeeperNameStorage.open(ZooKeeperLocation.parse(location), sessionTimeout, operationTimeout, status);
    }
}
