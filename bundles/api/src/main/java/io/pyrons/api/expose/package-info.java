/**
 * Serving OSGi services as Pyro objects: any service registered with the property
 * {@value io.pyrons.api.expose.PyroObject#OBJECT_ID} is served by the daemon under that object id.
 */
@Export
@Version("1.2.0")
package io.pyrons.api.expose;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
