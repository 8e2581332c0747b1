package io.pyrons.serializer.pickle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.serializer.SerializerFuzzing;

/**
 * Fuzzes the pickle reader (data and calls; see {@link SerializerFuzzing}). The committed inputs
 * (PickleReaderFuzzTestInputs/read: Pyro4-written seeds and every finding) replay in every test run.
 */
class PickleReaderFuzzTest {
    private final PickleSerializer serializer = new PickleSerializer();

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) {
        SerializerFuzzing.readAnything(serializer, input);
    }
}
