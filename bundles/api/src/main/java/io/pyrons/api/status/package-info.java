/**
 * How each part of a running pyrons says whether it is up: a {@link io.pyrons.api.status.PartStatus} service per
 * part, whose service properties carry the state. Launchers, shells and health checks follow these services and
 * never need to know which bundle or component provides a part.
 */
@Export
@Version("1.0.0")
package io.pyrons.api.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
