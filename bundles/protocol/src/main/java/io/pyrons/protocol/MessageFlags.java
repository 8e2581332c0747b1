package io.pyrons.protocol;

/** The message flag bits of Pyro4's wire protocol ({@code Pyro4.message.FLAGS_*}). */
public final class MessageFlags {
    public static final int EXCEPTION = 1;
    public static final int COMPRESSED = 1 << 1;
    public static final int ONEWAY = 1 << 2;
    public static final int BATCH = 1 << 3;
    public static final int META_ON_CONNECT = 1 << 4;
    public static final int ITEMSTREAMRESULT = 1 << 5;
    public static final int KEEPSERIALIZED = 1 << 6;

    private MessageFlags() {
    }
}
