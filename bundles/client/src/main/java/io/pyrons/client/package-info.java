/**
 * The Java Pyro4 client (and, with {@link io.pyrons.client.ClientConfig#withProtocol}, Pyro5's):
 * {@link io.pyrons.client.PyroProxy} for calls on remote objects, {@link io.pyrons.client.NameServerLocator} for Pyro4's {@code locateNS} and {@code resolve}, and
 * {@link io.pyrons.client.RemoteNameServer}, a remote name server behind the {@link io.pyrons.api.NameServer}
 * interface. Works in OSGi (serializers from the service registry) and as a plain jar (serializers through
 * {@link java.util.ServiceLoader}).
 */
@Export
@Version("2.1.0")
package io.pyrons.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
