package io.pyrons.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pyrons.api.PythonException;

/**
 * Turns what a call threw into the Python exception a client receives, with the {@code _pyroTraceback}
 * attribute Pyro4 attaches (lines shaped like Python's {@code traceback.format_exception}).
 */
final class Tracebacks {
    static final String ATTRIBUTE = "_pyroTraceback";
    private static final int MAX_FRAMES = 12;

    private Tracebacks() {
    }

    /** The Python exception for {@code error}, carrying its traceback lines. */
    static PythonException withTraceback(Throwable error) {
        PythonException python = asPython(error);
        Map<String, Object> attributes = new LinkedHashMap<>(python.attributes());
        attributes.put(ATTRIBUTE, lines(error, python));
        return new PythonException(python.pythonType(), python.args(), attributes);
    }

    static PythonException asPython(Throwable error) {
        if (error instanceof PythonException p) {
            return p;
        }
        String text = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        if (error instanceof IllegalArgumentException) {
            return PythonException.valueError(text);
        }
        if (error instanceof ArithmeticException) {
            return new PythonException("builtins.ArithmeticError", text);
        }
        // Pyro4 clients can only rebuild builtins and Pyro4.errors types, so Java failures travel as RuntimeError
        return new PythonException("builtins.RuntimeError", error.getClass().getName() + ": " + text);
    }

    static List<Object> lines(Throwable error, PythonException python) {
        List<Object> lines = new ArrayList<>();
        lines.add("Traceback (most recent call last):\n");
        StackTraceElement[] stack = error.getStackTrace();
        for (int i = Math.min(stack.length, MAX_FRAMES) - 1; i >= 0; i--) {
            StackTraceElement f = stack[i];
            lines.add("  File \"" + (f.getFileName() == null ? f.getClassName() : f.getFileName()) + "\", line "
                    + Math.max(f.getLineNumber(), 0) + ", in " + f.getClassName() + "." + f.getMethodName() + "\n");
        }
        String type = python.pythonType().startsWith("builtins.") ? python.pythonName() : python.pythonType();
        String message = python.getMessage();
        lines.add(message == null || message.isEmpty() ? type + "\n" : type + ": " + message + "\n");
        return lines;
    }
}
