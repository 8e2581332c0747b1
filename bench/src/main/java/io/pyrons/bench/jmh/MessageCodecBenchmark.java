package io.pyrons.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageType;
import io.pyrons.serializer.serpent.SerpentSerializer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The wire framing of a lookup INVOKE (serpent payload, a CORR annotation as Pyro4 replies carry), with and without HMAC. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageCodecBenchmark {
    @Param({"none", "hmac"})
    public String key;

    private MessageCodec codec;
    private Message message;
    private byte[] wire;

    @Setup
    public void setUp() {
        codec = key.equals("hmac") ? new MessageCodec("secret".getBytes(), 0, MessageCodec.MAX_ANNOTATIONS_SIZE)
                : new MessageCodec();
        byte[] data = new SerpentSerializer().serializeCall(NameServerShapes.lookupCall());
        message = new Message(MessageType.INVOKE, 0, 42, 1, Map.of("CORR", new byte[16]), data);
        wire = codec.encode(message);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(message);
    }

    @Benchmark
    public Message decode() {
        return codec.decode(wire);
    }
}
