package io.pyrons.serializer.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.serializer.SerializerFuzzing;

/**
 * Fuzzes the json reader (data and calls; see {@link SerializerFuzzing}). The committed inputs
 * (JsonReaderFuzzTestInputs/read: Pyro4-written seeds and every finding) replay in every test run.
 */
class JsonReaderFuzzTest {
    private final JsonSerializer serializer = new JsonSerializer();

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) {
        SerializerFuzzing.readAnything(serializer, input);
    }
}
