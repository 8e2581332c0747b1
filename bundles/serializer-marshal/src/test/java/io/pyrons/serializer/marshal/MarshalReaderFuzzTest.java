package io.pyrons.serializer.marshal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.serializer.SerializerFuzzing;

/**
 * Fuzzes the marshal reader (data and calls; see {@link SerializerFuzzing}). The committed inputs
 * (MarshalReaderFuzzTestInputs/read: Pyro4-written seeds and every finding) replay in every test run.
 */
class MarshalReaderFuzzTest {
    private final MarshalSerializer serializer = new MarshalSerializer();

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) {
        SerializerFuzzing.readAnything(serializer, input);
    }
}
