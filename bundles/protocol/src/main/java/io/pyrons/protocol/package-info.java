/**
 * The Pyro4 wire protocol, version {@value io.pyrons.protocol.MessageHeader#PROTOCOL_VERSION}: the 24-byte
 * header, annotation chunks, the HMAC annotation, message size limits and zlib compression, byte-compatible
 * with Pyro4 4.82's {@code Pyro4.message}.
 */
@Export
@Version("2.0.0")
package io.pyrons.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
