package io.pyrons.bench.load;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.pyrons.api.NameServer;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.serializer.Invocation;
import io.pyrons.api.serializer.Serializer;
import io.pyrons.naming.NameServerComponent;
import io.pyrons.protocol.Message;
import io.pyrons.protocol.MessageCodec;
import io.pyrons.protocol.MessageType;
import io.pyrons.protocol.Pyro5Codec;
import io.pyrons.serializer.serpent.SerpentSerializer;
import io.pyrons.server.Daemon;
import io.pyrons.server.DaemonSettings;
import io.pyrons.storage.memory.MemoryStorageProvider;

/**
 * A lookup's protocol-dependent work in one thread, without sockets, for Pyro4 and for Pyro5 (issue 15): the
 * request's bytes as the bench's client sends them, framed by the protocol's codec, the serpent call decoded for that
 * protocol, the name server's {@code invoke}, the URI serialized for that protocol and the RESULT framed with a
 * correlation id, as {@code RequestHandler} does. Prints the thread CPU time per lookup (min, quartile, median of the
 * rounds) and the bytes allocated, so that a difference between the protocols' paths shows apart from the
 * kernel's and the scheduler's share of an end-to-end run.
 *
 * <pre>java -cp "bench/target/bench/classes:$(cat bench/target/bench/classpath.txt)" io.pyrons.bench.load.ProtocolPathCpu [ROUNDS]</pre>
 */
public final class ProtocolPathCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int NAMES = 1000;
    private static final int BATCH = 20_000;
    private static long sink;

    private ProtocolPathCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (Daemon daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0))) {
            Serializer serpent = new SerpentSerializer();
            daemon.addSerializer(serpent);
            daemon.start();
            NameServerComponent ns = EmbeddedPyrons.nameServer("memory", new MemoryStorageProvider(), daemon);
            daemon.addObject(NameServer.OBJECT_ID, ns);
            for (int i = 0; i < NAMES; i++) {
                ns.invoke("register", List.of(String.format("lk.%04d", i), "PYRO:lk" + i + "@127.0.0.1:50001"), Map.of());
            }
            MessageCodec pyro4 = new MessageCodec();
            Pyro5Codec pyro5 = new Pyro5Codec(0);
            for (int pass = 0; pass < 2; pass++) { // both twice, alternating: the second pass is JIT-compiled alike
                measure("Pyro4", requests(PyroProtocol.PYRO4, pyro4::encode), b -> pyro4.decode(b), pyro4::encode,
                        serpent, ns, PyroProtocol.PYRO4, rounds);
                measure("Pyro5", requests(PyroProtocol.PYRO5, pyro5::encode), b -> pyro5.decode(b), pyro5::encode,
                        serpent, ns, PyroProtocol.PYRO5, rounds);
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static List<byte[]> requests(PyroProtocol protocol, java.util.function.Function<Message, byte[]> encode) {
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < NAMES; i++) {
            byte[] body = RawPyroClient.callBody(protocol, "lookup", List.of(String.format("lk.%04d", i)), Map.of());
            requests.add(encode.apply(new Message(MessageType.INVOKE, 0, i & 0xffff, 1, body)));
        }
        return requests;
    }

    private static void measure(String label, List<byte[]> requests, java.util.function.Function<byte[], Message> decode,
                                java.util.function.Function<Message, byte[]> encode, Serializer serpent,
                                NameServerComponent ns, PyroProtocol protocol, int rounds) {
        Runnable batch = () -> {
            for (int i = 0; i < BATCH; i++) {
                Message request = decode.apply(requests.get((i * 7919) % NAMES));
                Invocation call = serpent.deserializeCall(request.data(), protocol);
                Object result = ns.invoke(call.method(), call.args(), call.kwargs(), protocol); // Pyro5: its own API
                byte[] data = serpent.serializeData(result, protocol);
                sink += encode.apply(new Message(MessageType.RESULT, 0, request.seq(), request.serializerId(),
                        Map.of("CORR", correlation()), data)).length;
            }
        };
        for (int r = 0; r < 20; r++) {
            batch.run();
        }
        long thread = Thread.currentThread().getId();
        double[] cpu = new double[rounds];
        double allocated = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long bytes0 = THREADS.getThreadAllocatedBytes(thread);
            batch.run();
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - cpu0) / (double) BATCH;
            allocated = (THREADS.getThreadAllocatedBytes(thread) - bytes0) / (double) BATCH;
        }
        Arrays.sort(cpu);
        System.out.printf("lookup over %s: CPU ns/call min %.0f p25 %.0f median %.0f   allocated B/call %.0f%n", label,
                cpu[0], cpu[rounds / 4], cpu[rounds / 2], allocated);
    }

    private static byte[] correlation() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }
}
