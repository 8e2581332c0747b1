package io.pyrons.protocol;

/** The message types of Pyro4's wire protocol ({@code Pyro4.message.MSG_*}). */
public final class MessageType {
    public static final int CONNECT = 1;
    public static final int CONNECTOK = 2;
    public static final int CONNECTFAIL = 3;
    public static final int INVOKE = 4;
    public static final int RESULT = 5;
    public static final int PING = 6;

    private MessageType() {
    }
}
