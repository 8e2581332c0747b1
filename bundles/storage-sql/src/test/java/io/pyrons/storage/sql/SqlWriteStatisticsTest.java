package io.pyrons.storage.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pyrons.api.Registration;
import io.pyrons.api.storage.WriteStatistics;

/** The group commits of a real sql store, as io.pyrons:type=Storage,backend=sql reports them. */
class SqlWriteStatisticsTest {
    @TempDir
    Path dir;

    @Test
    void everyDurableWriteIsCountedOnceAndGroupsNeverExceedTheWrites() throws Exception {
        WriteStatistics statistics = new WriteStatistics();
        try (var store = SqlNameStorage.open(dir.resolve("names.sqlite").toString(), statistics)) {
            store.put(new Registration("one", "PYRO:one@localhost:1", List.of()), false);
            assertEquals(1, statistics.getCommits());
            assertEquals(1, statistics.getWritesCommitted());
            assertTrue(statistics.getCommitLatencyMeanMicros() > 0);

            ExecutorService writers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    String name = "n" + i;
                    done.add(writers.submit(() -> store.put(new Registration(name, "PYRO:x@localhost:2", List.of()), false)));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }
            assertEquals(401, statistics.getWritesCommitted());
            assertTrue(statistics.getCommits() <= 401 && statistics.getCommits() >= 1, statistics.getCommits() + " commits");
            assertTrue(statistics.getGroupCommitSizeMax() <= 400 && statistics.getGroupCommitSizeMax() >= 1);
            assertEquals(statistics.getWritesCommitted() / (double) statistics.getCommits(), statistics.getGroupCommitSizeMean(), 1e-9);
            assertEquals(0, statistics.getCommitsFailed());
            assertEquals(401, store.count());
        }
    }
}
