package io.pyrons.protocol.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs /usr/bin/python3 (Debian's, which has Pyro4 4.82) on a script, so that the tests compare with what real
 * Python prints at test time. Inputs and outputs cross as lines of hex-encoded UTF-8, so any text survives
 * (inputs behind an {@code x}, so that an empty text is a line too).
 */
public final class Python3 {
    public static final String PYTHON = "/usr/bin/python3";

    /** Python-side helpers the scripts use: {@code unhex(line)} and {@code out(text, ...)} (tab-separated hex). */
    private static final String PRELUDE = """
            import sys
            def unhex(h):
                return bytes.fromhex(h).decode("utf-8")
            def out(*texts):
                sys.stdout.write("\\t".join(t.encode("utf-8", "surrogatepass").hex() for t in texts) + "\\n")
            lines = [unhex(l.strip()[1:]) for l in sys.stdin if l.strip()]
            """;

    private Python3() {
    }

    /**
     * Runs {@code script} (after the prelude: the inputs are in {@code lines}) and returns what it wrote with
     * {@code out}, one array of texts per line.
     */
    public static List<String[]> run(String script, List<String> inputs) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "-c", PRELUDE + script).start();
        try {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process, false));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process, true));
            try (OutputStream in = process.getOutputStream()) {
                for (String input : inputs) {
                    in.write(("x" + hex(input) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish within 60 s");
            String errors = new String(stderr.join(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "python3 failed: " + errors);
            String output = new String(stdout.join(), StandardCharsets.US_ASCII);
            return output.lines().map(line -> line.split("\t", -1)).map(Python3::unhexAll).toList();
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readAll(Process process, boolean errors) {
        try {
            return (errors ? process.getErrorStream() : process.getInputStream()).readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] unhexAll(String[] fields) {
        String[] texts = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            texts[i] = new String(HexFormat.of().parseHex(fields[i]), StandardCharsets.UTF_8);
        }
        return texts;
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
