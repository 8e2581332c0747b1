package io.pyrons.bench.load;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

/**
 * Renders folded stacks ({@code frame;frame;frame count}, as {@link JfrSummary} writes them) as a flame graph PNG:
 * the root ("all") at the bottom, callees above their caller, each frame as wide as its share of the samples.
 * Siblings are sorted by name, so identical stack prefixes merge into one frame and the x axis is not time. Colours
 * are warm and derived from the frame name, so a method keeps its colour across pictures. Frames narrower than
 * {@value #MIN_WIDTH} px are left out with their callees: they would be noise, and there can be thousands.
 *
 * <p>{@code java -cp ... io.pyrons.bench.load.FlameGraph IN.folded OUT.png ["profile name"]}
 */
public final class FlameGraph {
    static final int DEFAULT_WIDTH = 1200;
    static final int FRAME_HEIGHT = 16;
    static final int PAD = 10;
    static final int TITLE_HEIGHT = 32;
    static final double MIN_WIDTH = 0.5;
    static final String ROOT = "all";
    static final Color BACKGROUND = new Color(0xF8F8F0);
    static final Color TEXT = Color.BLACK;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Horizontal room a label leaves inside its frame, in pixels. */
    private static final int LABEL_MARGIN = 6;

    private final Node root;
    private final String name;

    private FlameGraph(Node root, String name) {
        this.root = root;
        this.name = name;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: FlameGraph IN.folded OUT.png [\"profile name\"]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        FlameGraph graph = read(in, args.length == 3 ? args[2] : profileName(in));
        graph.writePng(Path.of(args[1]), DEFAULT_WIDTH);
        System.out.printf("%s: %,d samples, %d levels%n", args[1], graph.samples(), graph.levels(DEFAULT_WIDTH));
    }

    /** The PNG that goes beside a {@code .folded} file: {@code x.folded} → {@code x.png}. */
    static Path pngBeside(Path folded) {
        return folded.resolveSibling(profileName(folded) + ".png");
    }

    /** The file name without {@code .folded}: {@code pyrons-lookup-x8}. */
    static String profileName(Path folded) {
        String file = folded.getFileName().toString();
        return file.endsWith(".folded") ? file.substring(0, file.length() - ".folded".length()) : file;
    }

    static FlameGraph read(Path folded, String name) throws IOException {
        return parse(Files.readAllLines(folded), name);
    }

    /** Folded lines; blank lines are skipped, anything else without a trailing sample count is an error. */
    static FlameGraph parse(List<String> lines, String name) {
        Node root = new Node(ROOT);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            long count;
            try {
                count = space < 0 ? -1 : Long.parseLong(line.substring(space + 1));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                throw new IllegalArgumentException("folded line " + (i + 1)
                        + ": expected 'frame;frame;... COUNT' with a count >= 0, got: " + line);
            }
            String stack = line.substring(0, space).strip();
            root.add(stack.isEmpty() ? new String[0] : stack.split(";"), count);
        }
        return new FlameGraph(root, name);
    }

    long samples() {
        return root.samples;
    }

    /** Levels with at least one frame wide enough to draw at this image width, the root included. */
    int levels(int width) {
        return root.samples == 0 ? 0 : root.levels((double) (width - 2 * PAD) / root.samples);
    }

    void writePng(Path out, int width) throws IOException {
        if (!ImageIO.write(render(width), "png", out.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /** Top pixel row of the frames at {@code level} (0 = root) in an image {@code imageHeight} pixels high. */
    static int barTop(int level, int imageHeight) {
        return imageHeight - PAD - (level + 1) * FRAME_HEIGHT;
    }

    BufferedImage render(int width) {
        // the bench and the build run without a display; set before the first AWT class asks
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int height = TITLE_HEIGHT + levels(width) * FRAME_HEIGHT + PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setColor(TEXT);
            g.setFont(TITLE_FONT);
            String title = String.format("%s — %,d sample%s", name, root.samples, root.samples == 1 ? "" : "s");
            FontMetrics tm = g.getFontMetrics();
            g.drawString(title, Math.max(PAD, (width - tm.stringWidth(title)) / 2), PAD + tm.getAscent());
            g.setFont(LABEL_FONT);
            if (root.samples > 0) {
                new Painter(g, height, width - PAD, (double) (width - 2 * PAD) / root.samples)
                        .paint(root, 0, PAD);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A warm colour (red to yellow) from the frame name: the same method has the same colour in every picture. */
    static Color colour(String frame) {
        int h = frame.hashCode(); // specified by String's javadoc, so stable across JVMs and runs
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return new Color(205 + (h & 0xFF) * 50 / 255, (h >>> 8 & 0xFF) * 230 / 255, (h >>> 16 & 0xFF) * 55 / 255);
    }

    /** The label that fits in {@code room} pixels: the name, a prefix of it with "..", or null when nothing useful fits. */
    static String fit(String frame, FontMetrics fm, int room) {
        if (fm.stringWidth(frame) <= room) {
            return frame;
        }
        for (int n = frame.length() - 1; n >= 3; n--) {
            String shorter = frame.substring(0, n) + "..";
            if (fm.stringWidth(shorter) <= room) {
                return shorter;
            }
        }
        return null;
    }

    /** Draws frames into one image; holds the geometry so the recursion only passes what changes. */
    private record Painter(Graphics2D g, int height, int plotRight, double pxPerSample) {
        void paint(Node node, int level, double x) {
            double w = node.samples * pxPerSample;
            if (w < MIN_WIDTH) {
                return;
            }
            int x0 = (int) Math.round(x);
            int x1 = (int) Math.round(x + w);
            // a 1 px gap on the right tells neighbours apart; the rightmost frames reach the edge of the plot
            int fill = x1 - x0 >= 3 && x1 < plotRight ? x1 - x0 - 1 : Math.max(1, x1 - x0);
            int y = barTop(level, height);
            g.setColor(colour(node.name));
            g.fillRect(x0, y, fill, FRAME_HEIGHT - 1);
            FontMetrics fm = g.getFontMetrics();
            String label = fit(node.name, fm, fill - LABEL_MARGIN);
            if (label != null) {
                g.setColor(TEXT);
                g.drawString(label, x0 + LABEL_MARGIN / 2,
                        y + (FRAME_HEIGHT - 1 + fm.getAscent() - fm.getDescent()) / 2);
            }
            double childX = x;
            for (Node child : node.children.values()) {
                paint(child, level + 1, childX);
                childX += child.samples * pxPerSample;
            }
        }
    }

    /** One frame of the merged call tree: its samples include those of its callees. */
    private static final class Node {
        final String name;
        final Map<String, Node> children = new TreeMap<>();
        long samples;

        Node(String name) {
            this.name = name;
        }

        void add(String[] stack, long count) {
            samples += count;
            Node node = this;
            for (String frame : stack) {
                node = node.children.computeIfAbsent(frame, Node::new);
                node.samples += count;
            }
        }

        int levels(double pxPerSample) {
            if (samples * pxPerSample < MIN_WIDTH) {
                return 0;
            }
            int deepest = 0;
            for (Node child : children.values()) {
                deepest = Math.max(deepest, child.levels(pxPerSample));
            }
            return 1 + deepest;
        }
    }
}
