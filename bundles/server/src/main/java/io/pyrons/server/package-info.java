/**
 * The Pyro daemon. Its {@link io.pyrons.api.expose.PyroDaemon} service is registered by hand once the socket is bound
 * (so it never exists for a daemon that failed to listen), not by DS; the capability below declares it so that
 * resolvers (bnd, Karaf) can satisfy bundles that require that service.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.pyrons.api.expose.PyroDaemon",
        uses = io.pyrons.api.expose.PyroDaemon.class)
package io.pyrons.server;

import org.osgi.annotation.bundle.Capability;
