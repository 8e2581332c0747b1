package io.pyrons.serializer.msgpack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.serializer.SerializerFuzzing;

/**
 * Fuzzes the msgpack reader (data and calls; see {@link SerializerFuzzing}). The committed inputs
 * (MsgpackReaderFuzzTestInputs/read: Pyro5-written seeds and every finding) replay in every test run.
 */
class MsgpackReaderFuzzTest {
    private final MsgpackSerializer serializer = new MsgpackSerializer();

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) {
        SerializerFuzzing.readAnything(serializer, input, PyroProtocol.PYRO5);
    }
}
