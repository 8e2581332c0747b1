/**
 * The serializer SPI: one {@link io.pyrons.api.serializer.Serializer} service per wire format (with its id per
 * protocol version, and the protocol as a parameter of every call), and the
 * value model they share.
 */
@Export
@Version("2.0.0")
package io.pyrons.api.serializer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
