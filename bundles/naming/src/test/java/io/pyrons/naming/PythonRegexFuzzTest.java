package io.pyrons.naming;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pyrons.api.PythonException;
import java.util.function.Predicate;

/**
 * Fuzzes the Python-regex translator and the budgeted matcher as {@code list(regex=...)} uses them: any pattern,
 * tried on a few names, either matches or not, or ends in a {@code NamingError} ({@code invalid regex: ...},
 * {@code regex too costly: ...}). Anything else (a PatternSyntaxException that slipped through, a
 * StackOverflowError), a hang or an OutOfMemoryError is a finding. The committed inputs
 * (PythonRegexFuzzTestInputs/match) replay in every test run.
 */
class PythonRegexFuzzTest {

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
                filter.test(data.consumeString(300));
            }
        } catch (PythonException documented) {
            // too costly
        }
    }
}
