package io.pyrons.serializer.serpent;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.serializer.SerializerFuzzing;

/**
 * Fuzzes the serpent reader (data and calls; see {@link SerializerFuzzing}). The committed inputs
 * (SerpentReaderFuzzTestInputs/read: Pyro4-written seeds and every finding) replay in every test run.
 */
class SerpentReaderFuzzTest {
    private final SerpentSerializer serializer = new SerpentSerializer();

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) {
        SerializerFuzzing.readAnything(serializer, input);
    }
}
