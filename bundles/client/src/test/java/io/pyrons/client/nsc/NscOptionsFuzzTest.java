package io.pyrons.client.nsc;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes pyro-nsc's option parser: any command line either gives options or ends in {@link NscExit} (help, or
 * optparse's error and status 2). Anything else is a finding. The parser is reached only through
 * {@link #options}: when it moves, re-point that line. The committed inputs (NscOptionsFuzzTestInputs/parse)
 * replay in every test run.
 */
class NscOptionsFuzzTest {

    private static void options(List<String> args) {
        new NscOptionParser("pyro-nsc").parse(args);
    }

    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        while (args.size() < 8 && data.remainingBytes() > 0) {
            args.add(data.consumeString(40));
        }
        try {
            options(args);
        } catch (NscExit documented) {
            // help or optparse's error
        }
    }
}
