package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes outputs of two servers comparable, and compares them with a message that shows the first difference. */
final class Transcripts {

    private static final Pattern METADATA_LIST = Pattern.compile("metadata: \\[(.*)]");
    /**
     * pyrons' own entry also carries Pyro5's tag (it serves Pyro5 clients too), which pyro4-ns's never has: an
     * intended difference in a Pyro4 transcript, taken out of the text of both servers before they are compared.
     */
    private static final Pattern PYRO5_SELF_TAG =
            Pattern.compile(",\\s*'class:Pyro5\\.nameserver\\.NameServer'|'class:Pyro5\\.nameserver\\.NameServer',\\s*");
    /**
     * pyrons' daemon also serves {@code Pyrons.Health} (the health checks for {@code pyro-nsc health}), which
     * pyro4-ns's has not: the other intended difference, in the daemon's {@code registered()} list.
     */
    private static final Pattern HEALTH_OBJECT = Pattern.compile(",\\s*'Pyrons\\.Health'");

    private Transcripts() {
    }

    /**
     * Lines of {@code text} with the server's port replaced by {@code PORT}, and without pyrons' Pyro5 self tag and
     * health object.
     */
    static List<String> normalizePort(String text, int port) {
        String normalized = text.replaceAll("(?<!\\d)" + port + "(?!\\d)", "PORT");
        normalized = HEALTH_OBJECT.matcher(normalized).replaceAll("");
        return PYRO5_SELF_TAG.matcher(normalized).replaceAll("").lines().toList();
    }

    /** pyro4-nsc prints metadata as a list made from a set, in no particular order: sort its items. */
    static String sortMetadataList(String line) {
        Matcher matcher = METADATA_LIST.matcher(line);
        if (!matcher.find() || matcher.group(1).isEmpty()) {
            return line;
        }
        String[] items = matcher.group(1).split(", ");
        Arrays.sort(items);
        return line.substring(0, matcher.start(1)) + String.join(", ", items) + line.substring(matcher.end(1));
    }

    static void assertSameLines(String what, List<String> expected, List<String> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(what + ": line " + (i + 1) + " differs\n  pyro4-ns: " + expected.get(i)
                        + "\n  pyrons:   " + actual.get(i) + "\n--- whole pyrons output ---\n" + String.join("\n", actual));
            }
        }
        if (expected.size() != actual.size()) {
            fail(what + ": pyro4-ns printed " + expected.size() + " lines, pyrons " + actual.size()
                    + "\n--- pyro4-ns ---\n" + String.join("\n", expected)
                    + "\n--- pyrons ---\n" + String.join("\n", actual));
        }
    }
}
