package io.pyrons.bench.jmh;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.storage.memory.MemoryStorageProvider;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Queries of the memory store holding {@code size} names {@code n.0000000}.., each with metadata
 * {@code grp:(i % 1000)} and {@code tier:(i % 10)}: every query below selects 1,000 names (0.1%) except lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryStorageBenchmark {
    @Param({"1000000"})
    public int size;

    private NameStorage storage;
    /** Names to look up, chosen up front so the benchmark does not time String.format. */
    private final String[] probes = new String[4096];
    private final Pattern regex = Pattern.compile("n\\.000[0-9]{3}7");

    @Setup(Level.Trial)
    public void fill() {
        storage = new MemoryStorageProvider().open("");
        for (int i = 0; i < size; i++) {
            storage.put(new Registration(String.format("n.%07d", i), "PYRO:obj" + i + "@127.0.0.1:50000",
                    Set.of("grp:" + i % 1000, "tier:" + i % 10)), false);
        }
        for (int i = 0; i < probes.length; i++) {
            probes[i] = String.format("n.%07d", ThreadLocalRandom.current().nextInt(size));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        storage.close();
    }

    @Benchmark
    public Registration lookup() {
        return storage.get(probes[ThreadLocalRandom.current().nextInt(probes.length)]);
    }

    @Benchmark
    public List<Registration> prefix() {
        return storage.withPrefix("n.0001");
    }

    @Benchmark
    public List<Registration> regexMatching() {
        return storage.matching(name -> regex.matcher(name).matches());
    }

    @Benchmark
    public List<Registration> metadataAll() {
        return storage.withAllMetadata(Set.of("grp:7", "tier:7"));
    }

    @Benchmark
    public List<Registration> metadataAny() {
        return storage.withAnyMetadata(Set.of("grp:7"));
    }
}
