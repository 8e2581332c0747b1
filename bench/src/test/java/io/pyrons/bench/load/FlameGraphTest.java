package io.pyrons.bench.load;

import static io.pyrons.bench.load.FlameGraph.FRAME_HEIGHT;
import static io.pyrons.bench.load.FlameGraph.PAD;
import static io.pyrons.bench.load.FlameGraph.TITLE_HEIGHT;
import static io.pyrons.bench.load.FlameGraph.barTop;
import static io.pyrons.bench.load.FlameGraph.colour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlameGraphTest {
    private static final int WIDTH = 600;
    private static final int PLOT = WIDTH - 2 * PAD;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Input out of order and split over repeated lines: "c" comes first, "a;b" in two lines that must merge. */
    private static final List<String> SMALL = List.of("a;c 1", "a;b 1", "", "a;b 1");

    @Test
    void imageHasTheWidthAskedAndOneRowPerLevel() {
        FlameGraph g = FlameGraph.parse(SMALL, "small");
        assertEquals(3, g.samples());
        assertEquals(3, g.levels(WIDTH)); // all, a, b|c
        BufferedImage image = g.render(WIDTH);
        assertEquals(WIDTH, image.getWidth());
        assertEquals(TITLE_HEIGHT + 3 * FRAME_HEIGHT + PAD, image.getHeight());
    }

    @Test
    void rootSpansThePlotAtTheBottomAndTheCalleeAboveItToo() {
        BufferedImage image = FlameGraph.parse(SMALL, "small").render(WIDTH);
        for (int level = 0; level < 2; level++) {
            String frame = level == 0 ? FlameGraph.ROOT : "a";
            int y = barTop(level, image.getHeight());
            assertEquals(PLOT, run(image, y, colour(frame)), frame + " width");
            assertEquals(colour(frame).getRGB(), image.getRGB(PAD, y), frame + " starts at the left of the plot");
            assertEquals(colour(frame).getRGB(), image.getRGB(WIDTH - PAD - 1, y), frame + " ends at the right");
            assertEquals(FlameGraph.BACKGROUND.getRGB(), image.getRGB(PAD - 1, y));
            assertEquals(FlameGraph.BACKGROUND.getRGB(), image.getRGB(WIDTH - PAD, y));
        }
        int below = barTop(0, image.getHeight()) + FRAME_HEIGHT;
        assertEquals(FlameGraph.BACKGROUND.getRGB(), image.getRGB(WIDTH / 2, below), "nothing under the root");
    }

    @Test
    void widthIsProportionalToSamplesAndSiblingsAreSortedByName() {
        Color b = colour("b");
        Color c = colour("c");
        assertNotEquals(b, c, "the test needs two colours");
        BufferedImage image = FlameGraph.parse(SMALL, "small").render(WIDTH);
        int y = barTop(2, image.getHeight());
        int bWidth = run(image, y, b);
        int cWidth = run(image, y, c);
        assertEquals(PLOT * 2.0 / 3, bWidth, 2.0, "b has 2 of 3 samples");
        assertEquals(PLOT / 3.0, cWidth, 2.0, "c has 1 of 3 samples");
        assertEquals(b.getRGB(), image.getRGB(PAD, y), "b, first by name, is on the left though c came first");
        assertEquals(c.getRGB(), image.getRGB(WIDTH - PAD - 1, y));
        assertEquals(FlameGraph.BACKGROUND.getRGB(), image.getRGB(PAD + bWidth, y), "a 1 px gap between siblings");
    }

    @Test
    void framesNarrowerThanHalfAPixelAreLeftOutWithTheirCallees() {
        // at 600 px, 1 sample of 10,001 is 0.06 px; "wide" keeps its whole row
        FlameGraph g = FlameGraph.parse(List.of("wide 10000", "thin;deeper;deepest 1"), "narrow");
        assertEquals(2, g.levels(WIDTH), "the thin branch adds no levels");
        BufferedImage image = g.render(WIDTH);
        int y = barTop(1, image.getHeight());
        assertEquals(PLOT, run(image, y, colour("wide")));
        assertEquals(0, count(image, y, colour("thin")));
        assertEquals(3, FlameGraph.parse(List.of("wide 100", "thin;deeper 1"), "kept").levels(WIDTH),
                "1 sample of 101 is 5.8 px and is drawn");
    }

    @Test
    void labelsAndTitleAreDrawnAsText() {
        BufferedImage image = FlameGraph.parse(List.of("NioServer.work;RequestHandler.request 5"), "p").render(WIDTH);
        int y = barTop(1, image.getHeight());
        Color bar = colour("NioServer.work");
        int textLeft = WIDTH;
        int textRight = 0;
        int textPixels = 0;
        for (int row = y; row < y + FRAME_HEIGHT - 1; row++) {
            for (int x = PAD; x < WIDTH - PAD; x++) {
                if (image.getRGB(x, row) != bar.getRGB()) {
                    textPixels++;
                    textLeft = Math.min(textLeft, x);
                    textRight = Math.max(textRight, x);
                }
            }
        }
        assertTrue(textPixels > 50, "the label is drawn: " + textPixels + " pixels");
        assertTrue(textLeft >= PAD + 2 && textLeft < PAD + 8, "the label starts at the frame's left: " + textLeft);
        assertTrue(textRight < PAD + 150, "and is as wide as \"NioServer.work\": " + textRight);
        assertEquals(0, WIDTH - 2 * PAD - run(image, y, bar), "the frame's top row stays free of text");
        int title = 0;
        for (int row = 0; row < TITLE_HEIGHT; row++) {
            title += WIDTH - count(image, row, FlameGraph.BACKGROUND);
        }
        assertTrue(title > 100, "the title line is drawn: " + title + " pixels");
    }

    @Test
    void longLabelsAreTruncatedToFitAndTinyFramesGetNone() {
        Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        String name = "StoredNameServer.lookupRegistration";
        int full = fm.stringWidth(name);
        assertTrue(full > 50, "fonts render with a width: " + full);
        assertEquals(name, FlameGraph.fit(name, fm, full));
        String cut = FlameGraph.fit(name, fm, full / 2);
        assertNotNull(cut);
        assertTrue(cut.endsWith("..") && name.startsWith(cut.substring(0, cut.length() - 2)), cut);
        assertTrue(fm.stringWidth(cut) <= full / 2);
        assertTrue(cut.length() > name.length() / 3, "uses the room it has: " + cut);
        assertNull(FlameGraph.fit(name, fm, 3));
        g.dispose();
    }

    @Test
    void coloursAreWarmAndTheSameForTheSameName() {
        for (String frame : Set.of("all", "a", "HashMap.put", "NioServer.work", "PythonRepr.string")) {
            Color c = colour(frame);
            assertEquals(c, colour(new String(frame.toCharArray())));
            assertTrue(c.getRed() >= 205 && c.getGreen() <= 230 && c.getBlue() <= 55, frame + " " + c);
        }
        assertNotEquals(colour("HashMap.put"), colour("HashMap.get"));
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlameGraph.parse(List.of("a;b 1", "a;b many"), "bad"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlameGraph.parse(List.of("nocount"), "bad"));
        assertThrows(IllegalArgumentException.class, () -> FlameGraph.parse(List.of("a -1"), "bad"));
    }

    @Test
    void writesAPngBesideTheFoldedFile(@TempDir Path dir) throws Exception {
        Path folded = dir.resolve("pyrons-x.folded");
        Files.write(folded, SMALL);
        Path png = FlameGraph.pngBeside(folded);
        assertEquals(dir.resolve("pyrons-x.png"), png);
        FlameGraph.read(folded, FlameGraph.profileName(folded)).writePng(png, WIDTH);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(WIDTH, back.getWidth());
        assertEquals(colour(FlameGraph.ROOT).getRGB(), back.getRGB(WIDTH / 2, barTop(0, back.getHeight())));
    }

    /** Pixels in row y of exactly this colour. */
    private static int count(BufferedImage image, int y, Color colour) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            n += image.getRGB(x, y) == colour.getRGB() ? 1 : 0;
        }
        return n;
    }

    /** The longest unbroken run of this colour in row y: a frame's width. */
    private static int run(BufferedImage image, int y, Color colour) {
        int longest = 0;
        int current = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            current = image.getRGB(x, y) == colour.getRGB() ? current + 1 : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }
}
