package io.pyrons.serializer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.pyrons.protocol.values.PyroClassDicts;

/** The one Jackson factory both directions share: Python's json dialect, bounded nesting. Immutable, thread-safe. */
final class JsonCodec {
    static final JsonFactory FACTORY = JsonFactory.builder()
            // Python's json reads and writes NaN, Infinity and -Infinity as bare words
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            // ensure_ascii=False, as Pyro4 writes: non-ASCII characters go out as UTF-8, not \\u escapes
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(PyroClassDicts.MAX_DEPTH + 1).build())
            .build();

    private JsonCodec() {
    }
}
