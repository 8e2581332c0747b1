package io.pyrons.naming;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.PythonException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the Python-regex translator and the budgeted matcher as {@code list(regex=...)} uses them: any pattern,
 * tried on a few names, either matches or not, or ends in a {@code NamingError} ({@code invalid regex: ...},
 * {@code regex too costly: ...}). Anything else (a PatternSyntaxException that slipped through, a
 * StackOverflowError), a hang or an OutOfMemoryError is a finding. The committed inputs
 * (PythonRegexFuzzTestInputs/match) replay in every test run.
 */
class PythonRegexFuzzTest {

    // bounds a replay of the committed inputs (the step budget ends any match long before); while fuzzing, this
    // invocation is the whole session (fuzz.seconds) and libFuzzer's -timeout catches a slow input
    @Timeout(60)
    @FuzzTest(maxDuration = "30s")
    void match(FuzzedDataProvider data) {
        String regex = data.consumeString(200);
        Predicate<String> filter;
        try {
            filter = PythonRegex.nameFilter(regex);
        } catch (PythonException documented) {
            return;
        }
        try {
            for (int i = 0; i < 3 && data.remainingBytes() > 0; i++) {
                // now and then a long name: Java's matcher recurses where Python's loops
                int times = data.consumeBoolean() ? data.consumeInt(1, 500) : 1;
                filter.test(data.consumeString(300).repeat(times));
            }
        } catch (PythonException documented) {
            // too costly
        }
    }
}
