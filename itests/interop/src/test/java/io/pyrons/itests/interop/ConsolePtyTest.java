package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's console, typed into a real pseudo-terminal (src/test/python/console_pty.py, Python's pty module):
 * pyrons.jar with the interactive console on a 200,001-name sqlite store; Up-arrow recalls the last command, Tab
 * completes {@code ns:sta} to {@code ns:status} and a registered name after {@code ns:lookup}, a command without its
 * argument prints its usage and one line (never Gogo's "Cannot coerce"), Ctrl-C interrupts a long {@code ns:list}
 * while a real Pyro4 client and the console go on being answered, and Ctrl-D stops the name server with status 0.
 */
class ConsolePtyTest {
    private final Python python = Python.locate();
    @TempDir
    Path dir;

    @Test
    void historyCompletionUsageCtrlCAndCtrlD() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessResult result = python.run("console_pty.py",
                List.of(java, ServerKind.requireJar().toString(), dir.toString()), Map.of(), Duration.ofSeconds(240));
        assertEquals(0, result.exitCode(), result.toString());
        List<String> steps = result.stdout().lines().map(l -> l.replaceAll(" PYRO:.*", "")).toList();
        assertEquals(List.of(
                "ok: started",
                "ok: Up-arrow recalls ns:status",
                "ok: Tab completes ns:sta to ns:status",
                "ok: Tab completes a registered name",
                "ok: wrong arguments print the usage and one line",
                "ok: Ctrl-C interrupts ns:list; the name server answers Pyro4 and the console",
                "ok: Ctrl-D stops the name server (status 0)"), steps, result.toString());
    }
}
