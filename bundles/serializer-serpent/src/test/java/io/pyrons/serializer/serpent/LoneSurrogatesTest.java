package io.pyrons.serializer.serpent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pyrons.api.serializer.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Serpent writes a lone surrogate as a {@code \\uXXXX} escape, so names holding one round-trip through Pyro4.
 * The texts are what Pyro4 4.82's SerpentSerializer (Python 3.11) wrote.
 */
class LoneSurrogatesTest {
    private final SerpentSerializer serializer = new SerpentSerializer();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void loneSurrogatesTravelAsEscapes() {
        String header = "# serpent utf-8 python3.2\n";
        assertEquals("x\ud800y", serializer.deserializeData(text(header + "'x\\ud800y'")));
        assertEquals(header + "'x\\ud800y'", new String(serializer.serializeData("x\ud800y"), StandardCharsets.UTF_8));
        assertEquals("\udfff\u0000\u20ac", serializer.deserializeData(text(header + "'\\udfff\\x00\u20ac'")));
        assertEquals(header + "'\\udfff\\x00\u20ac'",
                new String(serializer.serializeData("\udfff\u0000\u20ac"), StandardCharsets.UTF_8));
        assertEquals("a\udc80\ud800", serializer.deserializeData(serializer.serializeData("a\udc80\ud800")));
    }

    @Test
    void aPyro4CallWithALoneSurrogateInTheName() {
        // Pyro4: SerpentSerializer().dumpsCall("obj", "lookup", ("x\ud800y",), {})
        byte[] call = HexFormat.of().parseHex("232073657270656e74207574662d3820707974686f6e332e320a28276f626a272c276c6f"
                + "6f6b7570272c2827785c756438303079272c292c7b7d29");
        Invocation read = serializer.deserializeCall(call);
        assertEquals(List.of("x\ud800y"), List.copyOf(read.args()));
    }
}
