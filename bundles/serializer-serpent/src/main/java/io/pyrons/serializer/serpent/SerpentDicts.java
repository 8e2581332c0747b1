package io.pyrons.serializer.serpent;

import io.pyrons.api.SerializeError;
import io.pyrons.protocol.values.PythonNumbers;
import io.pyrons.protocol.values.PythonTypes;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The dicts serpent gives a meaning of its own, read before Pyro4's class dicts
 * ({@link io.pyrons.protocol.values.PyroClassDicts}): {@code {'__class__': 'float', 'value': 'nan'}}, which
 * Pyro4's {@code SerpentSerializer.dict_to_class} turns into a float, and serpent's form of {@code bytes},
 * a dict of exactly {@code 'data'} and {@code 'encoding': 'base64'}, which becomes a {@code byte[]} as the
 * value model says (an addition to Pyro4, which leaves it a dict).
 */
final class SerpentDicts {
    private SerpentDicts() {
    }

    /** A {@link io.pyrons.protocol.values.PyroClassDicts.FormatDicts} for serpent. */
    static Optional<Object> read(Map<?, ?> dict) {
        if ("float".equals(dict.get("__class__"))) {
            return Optional.of(pythonFloat(dict.get("value")));
        }
        if (isSerpentBytes(dict)) {
            return Optional.of(decodeBytes((String) dict.get("data")));
        }
        return Optional.empty();
    }

    private static boolean isSerpentBytes(Map<?, ?> map) {
        return map.size() == 2 && "base64".equals(map.get("encoding")) && map.get("data") instanceof String;
    }

    private static byte[] decodeBytes(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SerializeError("invalid base64 data in serpent bytes value");
        }
    }

    /** Python's {@code float(value)} for the values serpent and Pyro4 put in a {@code 'float'} class dict. */
    private static Double pythonFloat(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && s.length() <= 400) {
            Double parsed = PythonNumbers.parseFloat(s);
            if (parsed != null) {
                return parsed;
            }
        }
        throw new SerializeError("invalid serialized float: " + PythonTypes.nameOf(value));
    }
}
