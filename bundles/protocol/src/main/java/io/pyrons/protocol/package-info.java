/**
 * The Pyro4 wire protocol, version {@value io.pyrons.protocol.MessageHeader#PROTOCOL_VERSION}: the 24-byte
 * header, annotation chunks, the HMAC annotation, message size limits and zlib compression, byte-compatible
 * with Pyro4 4.82's {@code Pyro4.message}; and Pyro5's, version {@value io.pyrons.protocol.Pyro5Header#VERSION}
 * ({@link io.pyrons.protocol.Pyro5Codec}: 40-byte header, no checksum, no HMAC, the correlation id in the header).
 * {@link io.pyrons.protocol.WireProtocols#detect} tells them apart from a connection's first six bytes.
 */
@Export
@Version("2.1.0")
package io.pyrons.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
