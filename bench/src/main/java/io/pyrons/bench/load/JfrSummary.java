package io.pyrons.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a JFR recording, folded two ways: where the CPU was (top frame, "self") and which methods
 * were on the stack (inclusive). Also writes the samples as folded stacks ({@code a;b;c count}), the input of
 * any flame graph renderer, and {@link FlameGraph}'s PNG of them beside.
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    /** {@code java -cp ... JfrSummary RECORDING.jfr [FOLDED_OUT]}: the summary of any recording. */
    public static void main(String[] args) throws IOException {
        System.out.print(summarize(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null, 30));
    }

    static String summarize(Path recording, Path foldedOut, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> folded = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            StringBuilder stack = new StringBuilder();
            for (int i = frames.size() - 1; i >= 0; i--) {
                String n = name(frames.get(i).getMethod());
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
                stack.append(stack.length() == 0 ? "" : ";").append(n);
            }
            folded.merge(stack.toString(), 1, Integer::sum);
        }
        if (foldedOut != null) {
            java.nio.file.Files.write(foldedOut, folded.entrySet().stream()
                    .map(en -> en.getKey() + " " + en.getValue()).collect(Collectors.toList()));
        }
        String picture = foldedOut == null ? "" : flameGraph(foldedOut);
        StringBuilder out = new StringBuilder();
        out.append(samples).append(" CPU samples\n\ntop frames (self):\n");
        table(out, self, samples, top);
        out.append("\non the stack (inclusive):\n");
        table(out, inclusive, samples, top);
        return out.append(picture).toString();
    }

    /** Writes the flame graph PNG beside the folded stacks; the bench's numbers must not depend on it. */
    private static String flameGraph(Path folded) {
        Path png = FlameGraph.pngBeside(folded);
        try {
            FlameGraph.read(folded, FlameGraph.profileName(folded)).writePng(png, FlameGraph.DEFAULT_WIDTH);
            return "\nflame graph: " + png.getFileName() + "\n";
        } catch (IOException | RuntimeException | Error e) {
            // Error too: a JDK without fonts fails in AWT with java.lang.Error / InternalError, not an exception
            return "\nflame graph not written: " + e + "\n";
        }
    }

    private static void table(StringBuilder out, Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.append(String.format("  %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, samples),
                        en.getKey())));
    }

    private static String name(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }
}
