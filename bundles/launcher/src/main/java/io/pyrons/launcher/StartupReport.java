package io.pyrons.launcher;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The lines pyro4-ns prints once its name server runs (Pyro4's {@code naming.startNSloop}), in its order: the
 * broadcast server's state, the number of stored registrations, where the server runs, the HMAC warning, the URI.
 *
 * @param broadcast what the broadcast responder reported
 */
record StartupReport(NameServerSettings settings, String location, SocketAddress boundAddress, int registrations,
                     Broadcast broadcast, String uri, String internalUri) {

    static final String SHUTDOWN = "NS shut down.\n";

    /** The broadcast responder as the start-up found it. */
    sealed interface Broadcast {
        /** Answering on {@code location}, e.g. {@code 0.0.0.0:9091}. */
        record Running(String location) implements Broadcast {
        }

        /** Deliberately not running, for {@code reason}. */
        record Off(String reason) implements Broadcast {
        }

        /** No responder in this runtime. */
        record NotInstalled() implements Broadcast {
        }
    }

    String text() {
        StringBuilder out = new StringBuilder();
        String hostip;
        if (!(boundAddress instanceof InetSocketAddress inet)) {
            hostip = "Unix domain socket";
        } else {
            hostip = pythonAddress(inet.getAddress());
            boolean broadcast = settings.enableBroadcast();
            if (inet.getAddress() instanceof Inet6Address) {
                out.append("Not starting broadcast server for IPv6.\n");
                broadcast = false;
            } else if (hostip.startsWith("127.")) {
                out.append("Not starting broadcast server for localhost.\n");
                broadcast = false;
            }
            if (broadcast) {
                if (this.broadcast instanceof Broadcast.Running running) {
                    out.append("Broadcast server running on ").append(running.location()).append('\n');
                } else if (this.broadcast instanceof Broadcast.Off off) {
                    // off although pyro4-ns would run it: the responder was configured otherwise than this launch
                    out.append("Not starting broadcast server: ").append(off.reason()).append(".\n");
                } else {
                    out.append("Not starting broadcast server: the broadcast responder is not installed.\n");
                }
            }
        }
        if (registrations > 1) { // the name server's own registration does not count
            out.append("Persistent store contains ").append(registrations).append(" existing registrations.\n");
        }
        out.append("NS running on ").append(location).append(" (").append(hostip).append(")\n");
        if (settings.hmacKey() == null) {
            out.append("Warning: HMAC key not set. Anyone can connect to this server!\n");
        }
        if (settings.nathost() != null) {
            out.append("internal URI = ").append(internalUri).append('\n');
            out.append("external URI = ").append(uri).append('\n');
        } else {
            out.append("URI = ").append(uri).append('\n');
        }
        return out.toString();
    }

    /** An address as Python's {@code getsockname()[0]} shows it: IPv6 compressed, without brackets or zone. */
    static String pythonAddress(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero groups (the first of equal runs) becomes "::", as inet_ntop does
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
