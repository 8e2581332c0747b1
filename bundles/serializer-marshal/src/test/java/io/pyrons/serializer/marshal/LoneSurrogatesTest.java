package io.pyrons.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Python's marshal writes and reads str with UTF-8's {@code surrogatepass}: a name holding a lone surrogate
 * round-trips through Pyro4. The hex strings are what Pyro4 4.82's MarshalSerializer (Python 3.11) wrote.
 */
class LoneSurrogatesTest {
    private final MarshalSerializer serializer = new MarshalSerializer();

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void loneSurrogatesTravelAsPythonWritesThem() {
        Map<String, String> python = Map.of(
                "x\ud800y", "f50500000078eda08079",
                "\udfff", "f503000000edbfbf",
                "a\udc80\ud800", "f50700000061edb280eda080");
        python.forEach((text, bytes) -> {
            assertEquals(text, serializer.deserializeData(hex(bytes)));
            byte[] ours = serializer.serializeData(text);
            // the type byte's FLAG_REF (0x80) follows Python's reference counts, which are not ours to copy
            assertEquals('u', ours[0] & 0x7f);
            assertArrayEquals(Arrays.copyOfRange(hex(bytes), 1, bytes.length() / 2), Arrays.copyOfRange(ours, 1, ours.length), bytes);
        });
        // a pair is one character to Java: Python's two separately encoded halves read back as that character
        assertEquals("\ud83d\ude00", serializer.deserializeData(hex("f506000000eda0bdedb880")));
    }

    @Test
    void aPyro4CallWithALoneSurrogateInTheName() {
        // Pyro4: MarshalSerializer().dumpsCall("obj", "lookup", ("x\ud800y",), {})
        byte[] call = hex("2904da036f626ada066c6f6f6b7570db01000000f50500000078eda08079fb30");
        Invocation read = serializer.deserializeCall(call);
        assertEquals("lookup", read.method());
        assertEquals(List.of("x\ud800y"), List.copyOf(read.args()));
    }

    @Test
    void malformedUtf8IsStillRefusedAsPythonRefusesIt() {
        for (String bad : new String[] {"f502000000c080", "f503000000e08080", "f504000000f4908080", "f501000000ed",
                "f502000000eda0", "f501000000ff"}) {
            assertEquals("bad marshal data (string is not UTF-8)",
                    assertThrows(SerializeError.class, () -> serializer.deserializeData(hex(bad)), bad).getMessage());
        }
    }
}
