package io.pyrons.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** jcmd against a server JVM: live heap after a full GC, and a JFR recording around one scenario. */
final class JvmTools {
    private JvmTools() {
    }

    /** Live heap bytes: {@code GC.class_histogram} runs a full GC first and its Total line counts what survived. */
    static long liveHeapBytes(long pid) throws IOException {
        String out = jcmd(pid, "GC.class_histogram");
        for (String line : out.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Total")) {
                String[] f = t.split("\\s+");
                return Long.parseLong(f[2]);
            }
        }
        throw new IOException("no Total line in the class histogram of " + pid);
    }

    static void startRecording(long pid) throws IOException {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile");
    }

    static void dumpRecording(long pid, Path file) throws IOException {
        jcmd(pid, "JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=bench");
    }

    static String jcmd(long pid, String... command) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd " + String.join(" ", command) + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
