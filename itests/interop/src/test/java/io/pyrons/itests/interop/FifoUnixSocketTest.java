package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12: {@code -u PATH} where PATH is a FIFO (someone else's named pipe, not a stale socket): the name server
 * must refuse to start with an error that names the path, and leave the FIFO alone. pyro4-ns refuses it too
 * and the FIFO survives (that run proves the test), though its "Address already in use" does not name the path.
 */
class FifoUnixSocketTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    @Timeout(120)
    void aFifoIsRefusedAndLeftInPlace(ServerKind kind) throws Exception {
        Path fifo = dir.resolve("not-a-socket.fifo");
        ProcessResult mkfifo = Commands.run(List.of("mkfifo", fifo.toString()), Map.of(), null, Duration.ofSeconds(10));
        assertEquals(0, mkfifo.exitCode(), mkfifo.describe());
        assertEquals("fifo", fileType(fifo));

        ConfiguredNameServer refused = ConfiguredNameServer.runToExit(kind, List.of("-u", fifo.toString()), Map.of());
        assertNotEquals(0, refused.exitCode(), "started on a FIFO\n" + refused.output());
        if (kind == ServerKind.PYRONS) {
            assertTrue(refused.output().contains(fifo.toString()), "the error does not name the path\n" + refused.output());
        }
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "the FIFO was removed\n" + refused.output());
        assertEquals("fifo", fileType(fifo), "the FIFO was replaced\n" + refused.output());
    }

    private static String fileType(Path file) {
        ProcessResult stat = Commands.run(List.of("stat", "-c", "%F", file.toString()), Map.of(), null, Duration.ofSeconds(10));
        return stat.stdout().strip();
    }
}
