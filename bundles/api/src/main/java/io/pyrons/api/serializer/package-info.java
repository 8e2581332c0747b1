/**
 * The serializer SPI: one {@link io.pyrons.api.serializer.Serializer} service per wire format, and the
 * value model they share.
 */
@Export
@Version("1.1.0")
package io.pyrons.api.serializer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
