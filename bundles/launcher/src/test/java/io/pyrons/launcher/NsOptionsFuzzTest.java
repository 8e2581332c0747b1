package io.pyrons.launcher;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes pyro-ns's option parsers: any command line and any {@code PYRO_*} environment either give settings or
 * end in {@link LaunchStop} (help, or Python's error text and status). Anything else is a finding. The parsers are
 * reached only through {@link #options} and {@link #environment}: when they move, re-point those two lines.
 * The committed inputs (NsOptionsFuzzTestInputs/parse) replay in every test run.
 */
class NsOptionsFuzzTest {
    private static final List<String> VARIABLES = List.of("PYRO_HOST", "PYRO_NS_PORT", "PYRO_NS_BCHOST", "PYRO_NS_BCPORT",
            "PYRO_NS_AUTOCLEAN", "PYRO_NATHOST", "PYRO_NATPORT", "PYRO_COMPRESSION", "PYRO_COMMTIMEOUT",
            "PYRO_MAX_MESSAGE_SIZE", "PYRO_SERIALIZERS_ACCEPTED", "PYRO_HMAC_KEY", "PYRO_SSL", "PYRO_SSL_REQUIRECLIENTCERT");

    private static void options(List<String> args) {
        PyroNsOptionParser.parse(args);
    }

    private static void environment(Map<String, String> env) {
        PyroEnvironment.read(env);
    }

    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        Map<String, String> env = new HashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            env.put(data.pickValue(VARIABLES), data.consumeString(40));
        }
        List<String> args = new ArrayList<>();
        while (args.size() < 8 && data.remainingBytes() > 0) {
            args.add(data.consumeString(40));
        }
        try {
            environment(env);
        } catch (LaunchStop documented) {
            // Python's ValueError for a PYRO_* value Pyro4 refuses
        }
        try {
            options(args);
        } catch (LaunchStop documented) {
            // help or optparse's error
        }
    }
}
