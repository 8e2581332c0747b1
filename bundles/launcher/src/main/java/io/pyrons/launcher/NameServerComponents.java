package io.pyrons.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The components that make up the running name server (bundles {@code io.pyrons.naming}, {@code io.pyrons.server}
 * and, when installed, {@code io.pyrons.broadcast}) as Declarative Services sees them: why they are not running
 * (an activation that threw, such as a port in use, or what they still wait for), and closing them at JVM exit.
 */
final class NameServerComponents {
    /** The bundles whose components must be active for the name server to run. */
    static final Set<String> NAME_SERVER_BUNDLES = Set.of("io.pyrons.server", "io.pyrons.naming");
    /** Closed in this order at exit: the name server first, then the responder and the daemon that serve it. */
    static final List<String> CLOSING_ORDER = List.of("io.pyrons.naming", "io.pyrons.broadcast", "io.pyrons.server");

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    NameServerComponents(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** The cause of a failed activation, e.g. {@code java.net.BindException: Address already in use}. */
    Optional<String> failedActivation() {
        for (ComponentConfigurationDTO configuration : configurations()) {
            if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                return Optional.of(rootCause(configuration.failure));
            }
        }
        return Optional.empty();
    }

    /** What each inactive component waits for, e.g. {@code io.pyrons.naming.X: unsatisfied reference storage}. */
    String waitingFor() {
        List<String> reasons = new ArrayList<>();
        for (Bundle bundle : nameServerBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                reasons.add(bundle.getSymbolicName() + " is not active");
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                var configurations = scr.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty()) {
                    reasons.add(description.name + ": no configuration");
                }
                for (ComponentConfigurationDTO c : configurations) {
                    if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        reasons.add(description.name + ": unsatisfied reference "
                                + String.join(", ", Arrays.stream(c.unsatisfiedReferences)
                                        .map((UnsatisfiedReferenceDTO r) -> r.name).toList()));
                    } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                        reasons.add(description.name + ": no configuration");
                    }
                }
            }
        }
        return reasons.isEmpty() ? "no reason reported" : String.join("; ", reasons);
    }

    /**
     * Disables the name server's components and waits (at most {@code timeoutMillis} each) until they are
     * deactivated: sockets closed, services unregistered. Nothing is written to the framework's storage, which the
     * bnd launcher deletes in its own shutdown hook at the same time.
     */
    void close(long timeoutMillis) throws InterruptedException {
        for (String name : CLOSING_ORDER) {
            for (Bundle bundle : context.getBundles()) {
                if (name.equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                    for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                        CountDownLatch disabled = new CountDownLatch(1);
                        scr.disableComponent(description).onResolve(disabled::countDown);
                        disabled.await(timeoutMillis, TimeUnit.MILLISECONDS);
                    }
                }
            }
        }
    }

    private List<ComponentConfigurationDTO> configurations() {
        List<ComponentConfigurationDTO> all = new ArrayList<>();
        for (Bundle bundle : nameServerBundles()) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                all.addAll(scr.getComponentConfigurationDTOs(description));
            }
        }
        return all;
    }

    private List<Bundle> nameServerBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> NAME_SERVER_BUNDLES.contains(b.getSymbolicName())).toList();
    }

    /**
     * The line of a failure's stack trace text (DS reports the failure as one) that tells a user what went wrong:
     * our own storage error, which names the file, else the innermost cause.
     */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "activation failed";
        }
        String cause = failure.lines().findFirst().orElse(failure).trim();
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).trim();
                if (cause.startsWith(STORAGE_EXCEPTION + ": ")) {
                    return cause.substring(STORAGE_EXCEPTION.length() + 2);
                }
            }
        }
        return cause;
    }

    private static final String STORAGE_EXCEPTION = "io.pyrons.api.storage.StorageException";
}
