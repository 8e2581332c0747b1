package io.pyrons.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.serializer.json.JsonSerializer;
import io.pyrons.serializer.marshal.MarshalSerializer;
import io.pyrons.serializer.msgpack.MsgpackSerializer;
import io.pyrons.serializer.pickle.PickleSerializer;
import io.pyrons.serializer.serpent.SerpentSerializer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each serializer on name-server-shaped payloads, both directions. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializerBenchmark {
    @Param({"serpent", "json", "marshal", "pickle", "msgpack"})
    public String serializer;

    private Serializer ser;
    /** The protocol the serializer is measured for: msgpack is Pyro5's only, the others Pyro4's. */
    private PyroProtocol protocol;
    private Invocation lookupCall;
    private Invocation registerCall;
    private PyroURI lookupAnswer;
    private Map<String, Object> listAnswer;
    private byte[] lookupCallBytes;
    private byte[] registerCallBytes;
    private byte[] lookupAnswerBytes;
    private byte[] listAnswerBytes;

    @Setup
    public void setUp() {
        ser = switch (serializer) {
            case "serpent" -> new SerpentSerializer();
            case "json" -> new JsonSerializer();
            case "marshal" -> new MarshalSerializer();
            case "pickle" -> new PickleSerializer();
            case "msgpack" -> new MsgpackSerializer();
            default -> throw new IllegalArgumentException("unknown serializer " + serializer);
        };
        protocol = ser.id(PyroProtocol.PYRO4).isPresent() ? PyroProtocol.PYRO4 : PyroProtocol.PYRO5;
        lookupCall = NameServerShapes.lookupCall();
        registerCall = NameServerShapes.registerCall();
        lookupAnswer = NameServerShapes.lookupAnswer();
        listAnswer = NameServerShapes.listAnswer();
        lookupCallBytes = ser.serializeCall(lookupCall, protocol);
        registerCallBytes = ser.serializeCall(registerCall, protocol);
        lookupAnswerBytes = ser.serializeData(lookupAnswer, protocol);
        listAnswerBytes = ser.serializeData(listAnswer, protocol);
    }

    @Benchmark
    public byte[] lookupCallWrite() {
        return ser.serializeCall(lookupCall, protocol);
    }

    @Benchmark
    public Invocation lookupCallRead() {
        return ser.deserializeCall(lookupCallBytes, protocol);
    }

    @Benchmark
    public byte[] lookupAnswerWrite() {
        return ser.serializeData(lookupAnswer, protocol);
    }

    @Benchmark
    public Object lookupAnswerRead() {
        return ser.deserializeData(lookupAnswerBytes, protocol);
    }

    @Benchmark
    public byte[] registerCallWrite() {
        return ser.serializeCall(registerCall, protocol);
    }

    @Benchmark
    public Invocation registerCallRead() {
        return ser.deserializeCall(registerCallBytes, protocol);
    }

    @Benchmark
    public byte[] list1000AnswerWrite() {
        return ser.serializeData(listAnswer, protocol);
    }

    @Benchmark
    public Object list1000AnswerRead() {
        return ser.deserializeData(listAnswerBytes, protocol);
    }
}
