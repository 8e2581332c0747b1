package io.pyrons.itests.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python interpreter that can {@code import Pyro4}, and the scripts in src/test/python.
 * The first python3 on PATH may lack Pyro4 (pyenv shims), so the system one is tried first.
 */
final class Python {

    private static final List<String> CANDIDATES =
            List.of("/usr/bin/python3", "python3", "/usr/local/bin/python3", "/usr/bin/python", "python");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private final String interpreter;
    private final Path scripts;

    private Python(String interpreter, Path scripts) {
        this.interpreter = interpreter;
        this.scripts = scripts;
    }

    /** Finds the interpreter, or fails naming every candidate that was tried. */
    static Python locate() {
        var tried = new ArrayList<String>();
        for (String candidate : CANDIDATES) {
            try {
                var probe = Commands.run(List.of(candidate, "-c", "import Pyro4; print(Pyro4.__version__)"),
                        Map.of(), null, PROBE_TIMEOUT);
                if (probe.exitCode() == 0) {
                    return new Python(candidate, scriptsDirectory());
                }
                tried.add(candidate + " (" + lastLine(probe.stderr()) + ")");
            } catch (AssertionError e) {
                tried.add(candidate + " (" + lastLine(e.getMessage()) + ")");
            }
        }
        throw new AssertionError("no python3 with Pyro4 found: install python3-pyro4 (tried " + tried + ")");
    }

    private static Path scriptsDirectory() {
        Path scripts = Path.of(System.getProperty("python.scripts", "src/test/python")).toAbsolutePath();
        if (!Files.isDirectory(scripts)) {
            throw new AssertionError("python test scripts not found at " + scripts
                    + " (system property python.scripts)");
        }
        return scripts;
    }

    private static String lastLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    String interpreter() {
        return interpreter;
    }

    /** Runs src/test/python/{@code script} with arguments; PYRO_* settings go in {@code environment}. */
    ProcessResult run(String script, List<String> arguments, Map<String, String> environment, Duration timeout) {
        return Commands.run(command(script, arguments), withUnbufferedOutput(environment), null, timeout);
    }

    /** Runs {@code python -m module} (e.g. Pyro4.nsc, the code behind pyro4-nsc), feeding it {@code stdin}. */
    ProcessResult runModule(String module, List<String> arguments, String stdin, Duration timeout) {
        var command = new ArrayList<String>(List.of(interpreter, "-m", module));
        command.addAll(arguments);
        return Commands.run(command, withUnbufferedOutput(Map.of()), stdin, timeout);
    }

    /** Starts a script that runs alongside the test; the caller stops it (by its PID, via Process.destroy). */
    Process start(String script, List<String> arguments, Path stdout, Path stderr) throws java.io.IOException {
        var builder = new ProcessBuilder(command(script, arguments))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(withUnbufferedOutput(Map.of()));
        return builder.start();
    }

    private List<String> command(String script, List<String> arguments) {
        Path file = scripts.resolve(script);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("python test script missing: " + file);
        }
        var command = new ArrayList<String>(List.of(interpreter, file.toString()));
        command.addAll(arguments);
        return command;
    }

    private static Map<String, String> withUnbufferedOutput(Map<String, String> environment) {
        var all = new HashMap<>(environment);
        all.put("PYTHONUNBUFFERED", "1");
        return all;
    }
}
