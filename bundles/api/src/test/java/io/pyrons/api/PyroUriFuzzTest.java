package io.pyrons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the URI parser: any text is either a {@link PyroURI} whose printed text, if it parses, prints the same (as
 * in Pyro4, the URI objects may differ: {@code PYRONAME:x@:} has the host {@code ""}, its text {@code PYRONAME:x}
 * none), or one of the parser's documented errors ({@link PythonException}: Pyro4's {@code PyroError}/{@code TypeError};
 * {@link IllegalArgumentException}). Anything else, a hang or an OutOfMemoryError is a finding. The committed
 * inputs (PyroUriFuzzTestInputs/parse) replay in every test run.
 */
class PyroUriFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        int defaultPort = data.consumeInt(0, 65535);
        String text = data.consumeRemainingAsString();
        PyroURI uri;
        try {
            uri = PyroURI.parse(text, defaultPort);
        } catch (PythonException | IllegalArgumentException documented) {
            return;
        }
        if (uri.metadata() != null && uri.metadata().stream().anyMatch(tag -> tag.isEmpty() || tag.contains("@"))) {
            // as in Pyro4: PYROMETA:,@h prints its empty tag as PYROMETA:@h:9090, which reads as the tag "@h" with no
            // host (checked with Pyro4 4.82's URI); a tag with '@' moves the object/location split the same way
            return;
        }
        String printed = uri.asString();
        PyroURI again;
        try {
            again = PyroURI.parse(printed, defaultPort);
        } catch (PythonException asPyro4) {
            return; // as in Pyro4: PYRO:x@:5 prints as PYRO:x, which is no valid URI
        }
        assertEquals(printed, again.asString(), () -> "parsed from " + text);
    }
}
