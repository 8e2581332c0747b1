/**
 * The core contracts of pyrons: Pyro URIs, the errors that travel as Python exceptions, Pyro4's rules for
 * settings ({@link io.pyrons.api.PyroRules}), the protocol versions ({@link io.pyrons.api.PyroProtocol}),
 * and the {@link io.pyrons.api.NameServer} service.
 */
@Export
@Version("2.1.0")
package io.pyrons.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
