package io.pyrons.itests.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fresh real Pyro4 client (src/test/python/ns_probe.py) got from a name server: locateNS plus a lookup,
 * optionally a list, each timed inside the client, or the error it got. The client's COMMTIMEOUT bounds every
 * wait, so a server that accepts but never answers is a TimeoutError here, not a hanging test.
 */
record FreshClient(long totalMillis, long listMillis, String error, String output) {
    private static final Pattern VALUE = Pattern.compile("(?m)^(\\w+) (.*)$");

    /** Runs one fresh client against 127.0.0.1:{@code port}. */
    static FreshClient run(Python python, int port, Duration commTimeout, boolean withList) {
        var arguments = new ArrayList<>(List.of("127.0.0.1", Integer.toString(port),
                Double.toString(commTimeout.toMillis() / 1000.0)));
        if (withList) {
            arguments.add("list");
        }
        ProcessResult result = python.run("ns_probe.py", arguments, Map.of(), commTimeout.multipliedBy(4).plusSeconds(30));
        long total = -1;
        long list = -1;
        String error = null;
        Matcher m = VALUE.matcher(result.stdout());
        while (m.find()) {
            switch (m.group(1)) {
                case "total_ms" -> total = Long.parseLong(m.group(2).strip());
                case "list_ms" -> list = Long.parseLong(m.group(2).strip());
                case "error" -> error = m.group(2).strip();
                default -> { }
            }
        }
        if (result.exitCode() != 0 && error == null) {
            error = "client exited with " + result.exitCode();
        }
        return new FreshClient(total, list, error, result.describe());
    }

    /** Located and looked up (and listed, if asked) without error, locate plus lookup within {@code limit}. */
    boolean answeredWithin(Duration limit) {
        return error == null && totalMillis >= 0 && totalMillis <= limit.toMillis();
    }

    /** Pyro4's TimeoutError: the server took the connection but did not answer within COMMTIMEOUT. */
    boolean timedOut() {
        return error != null && error.startsWith("TimeoutError");
    }

    @Override
    public String toString() {
        return error != null ? "error " + error : "locate+lookup " + totalMillis + " ms" + (listMillis >= 0 ? ", list " + listMillis + " ms" : "");
    }
}
