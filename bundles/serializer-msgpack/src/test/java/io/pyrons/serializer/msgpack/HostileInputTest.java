package io.pyrons.serializer.msgpack;

import static io.pyrons.api.PyroProtocol.PYRO5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.MalformedCalls;
import io.pyrons.protocol.values.PyroClassDicts;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Input a client can send on purpose: announcements far beyond the message, deep nesting, bytes msgpack never
 * uses, malformed ext payloads, values that are no call. Each is one {@link SerializeError}, found before anything
 * is allocated for it; and one serializer is used by many threads at once.
 */
class HostileInputTest {
    private final MsgpackSerializer serializer = new MsgpackSerializer();

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private void assertRefused(String hex, String message) {
        SerializeError e = assertThrows(SerializeError.class, () -> serializer.deserializeData(hex(hex), PYRO5), hex);
        assertTrue(e.getMessage().contains(message), hex + ": " + e.getMessage());
    }

    @Test
    void announcedSizesBeyondTheMessageAreRefusedBeforeAllocating() {
        assertRefused("dbffffffff", "incomplete input"); // str 32 of 4 GiB
        assertRefused("db7fffffff41", "incomplete input"); // str 32 of 2 GiB with one byte
        assertRefused("c67ffffff0", "incomplete input"); // bin 32
        assertRefused("dd7fffffff", "incomplete input"); // array 32
        assertRefused("df7fffffff", "incomplete input"); // map 32
        assertRefused("c97ffffff031", "incomplete input"); // ext 32
        assertRefused("dd0000000201", "incomplete input"); // array of 2, 1 element there
    }

    @Test
    void emptyAndNeverUsedBytes() {
        assertRefused("", "no value");
        assertRefused("c1", "invalid msgpack data");
        assertRefused("91c1", "invalid msgpack data");
        assertThrows(SerializeError.class, () -> serializer.deserializeData(null, PYRO5));
    }

    @Test
    void nestingIsBounded() {
        assertRefused("91".repeat(PyroClassDicts.MAX_DEPTH + 1) + "c0", "nested too deeply");
        assertRefused("81a161".repeat(PyroClassDicts.MAX_DEPTH + 1) + "c0", "nested too deeply");
        // just inside the bound: read
        assertEquals(List.class, serializer.deserializeData(hex("91".repeat(PyroClassDicts.MAX_DEPTH - 1) + "c0"), PYRO5)
                .getClass().getInterfaces()[0]);
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int k = 0; k < PyroClassDicts.MAX_DEPTH + 5; k++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertThrows(SerializeError.class, () -> serializer.serializeData(deep, PYRO5));
        List<Object> circular = new ArrayList<>();
        circular.add(circular);
        assertThrows(SerializeError.class, () -> serializer.serializeData(circular, PYRO5));
    }

    @Test
    void extPayloads() {
        // ext 0x31 is int(data): digits, with int()'s whitespace, sign and underscores
        assertEquals(-1_000_000L, serializer.deserializeData(hex("c70b31" + hexOf(" -1_000_000")), PYRO5));
        assertRefused("c70331" + hexOf("1x0"), "ext 0x31 (int) is not a decimal integer");
        assertRefused("c70231d9a1", "ext 0x31 (int) is not ASCII"); // Arabic-Indic digit one in UTF-8
        assertRefused("c70031", "ext 0x31 (int) is not a decimal integer");
        assertRefused("d4ff00", "msgpack.Timestamp (ext -1) is not supported");
        assertRefused("d47f00", "invalid ext code for msgpack: 127");
    }

    @Test
    void mapKeysMustBeStr() {
        assertRefused("81c0c0", "a map key is a NoneType");
        assertRefused("81c40161c0", "a map key is a bytes"); // msgpack-python takes bytes keys, pyrons does not
        assertRefused("8191a161c0", "a map key is a list");
    }

    @Test
    void encodedSurrogatesAreNotUtf8() {
        assertRefused("a3eda080", "not valid UTF-8");
        assertRefused("a4efbfbdff", "not valid UTF-8"); // a real U+FFFD, then a byte that is no UTF-8
        assertEquals("\ufffd", serializer.deserializeData(hex("a3efbfbd"), PYRO5)); // U+FFFD itself is valid
        SerializeError e = assertThrows(SerializeError.class, () -> serializer.serializeData("x\ud800y", PYRO5));
        assertTrue(e.getMessage().contains("surrogates not allowed"), e.getMessage());
    }

    @Test
    void classDictsWithBadContents() {
        // {"__class__": "Pyro5.core.URI", "state": 5}
        assertThrows(SerializeError.class, () -> serializer.deserializeData(hex("82a95f5f636c6173735f5fae"
                + hexOf("Pyro5.core.URI") + "a5" + hexOf("state") + "05"), PYRO5));
        // {"__class__": 5}
        assertThrows(SerializeError.class, () -> serializer.deserializeData(hex("81a95f5f636c6173735f5f05"), PYRO5));
        // {"__class__": "Pyro5.client.Proxy", "state": []}: no Java side
        assertThrows(SerializeError.class, () -> serializer.deserializeData(hex("82a95f5f636c6173735f5fb2"
                + hexOf("Pyro5.client.Proxy") + "a5" + hexOf("state") + "90"), PYRO5));
    }

    @Test
    void valuesThatAreNoCall() {
        MalformedCalls.assertRefused(serializer, PYRO5);
        assertThrows(SerializeError.class, () -> serializer.deserializeCall(hex("c0"), PYRO5));
    }

    @Test
    void pyro5Only() {
        // Pyro4 has no msgpack id here: a Pyro4 connection never reaches this serializer, and if asked it refuses
        byte[] ping = serializer.serializeCall(new Invocation("Pyro.NameServer", "ping", List.of(), Map.of()), PYRO5);
        SerializeError e = assertThrows(SerializeError.class, () -> serializer.deserializeCall(ping));
        assertEquals("serializer msgpack is not available for Pyro4", e.getMessage());
        assertThrows(SerializeError.class, () -> serializer.serializeData("x"));
        assertEquals(java.util.OptionalInt.empty(), serializer.id(io.pyrons.api.PyroProtocol.PYRO4));
        assertEquals(java.util.OptionalInt.of(4), serializer.id(io.pyrons.api.PyroProtocol.PYRO5));
        assertEquals("msgpack", serializer.name());
    }

    @Test
    void oneSerializerForManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 500; k++) {
                        Invocation call = new Invocation("Pyro.NameServer", "lookup", List.of("name." + thread + "." + k),
                                Map.of("return_metadata", k % 2 == 0));
                        Invocation read = serializer.deserializeCall(serializer.serializeCall(call, PYRO5), PYRO5);
                        assertEquals(call.args(), read.args());
                        assertEquals(call.kwargs(), read.kwargs());
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String hexOf(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
