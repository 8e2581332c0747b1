package io.pyrons.protocol;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The fixed-size header of one message in either wire protocol ({@link MessageHeader} for Pyro4,
 * {@link Pyro5Header} for Pyro5): what a reader needs to know before the body arrives.
 */
@ProviderType
public interface FrameHeader {
    /** Annotations plus data: the bytes that follow the header. */
    long bodyLength();
}
