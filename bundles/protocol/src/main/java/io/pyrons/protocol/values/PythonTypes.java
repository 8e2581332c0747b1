package io.pyrons.protocol.values;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python facts every serializer needs: type names for messages, exception class names, truth. */
public final class PythonTypes {
    /** The exception classes in Python 3.11's {@code builtins}, which Pyro4 recreates. */
    public static final Set<String> BUILTIN_EXCEPTIONS = Set.of(
            "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
            "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
            "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
            "DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup",
            "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit",
            "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError",
            "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
            "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplementedError", "OSError",
            "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
            "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
            "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit",
            "TabError", "TimeoutError", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
            "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning",
            "ValueError", "Warning", "ZeroDivisionError");

    /** The classes of {@code Pyro4.errors}. */
    public static final Set<String> PYRO_ERRORS = Set.of(
            "PyroError", "CommunicationError", "ConnectionClosedError", "TimeoutError", "ProtocolError",
            "MessageTooLargeError", "NamingError", "DaemonError", "SecurityError", "SerializeError");

    /** The exception classes of Python's {@code sqlite3} module, which Pyro4 also recreates. */
    public static final Set<String> SQLITE3_ERRORS = Set.of(
            "Error", "DatabaseError", "DataError", "IntegrityError", "InterfaceError", "InternalError",
            "NotSupportedError", "OperationalError", "ProgrammingError");

    private PythonTypes() {
    }

    /** The Python type name of a value of the value model, for error messages. */
    public static String nameOf(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof Object[]) {
            return "tuple";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Set) {
            return "set";
        }
        if (value instanceof Map) {
            return "dict";
        }
        return value.getClass().getName();
    }

    /** Python's truth value. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue() != 0.0;
        }
        if (value instanceof BigInteger b) {
            return b.signum() != 0;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof byte[] b) {
            return b.length > 0;
        }
        if (value instanceof Object[] a) {
            return a.length > 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Any Java integral type the value model accepts as a Python int. */
    public static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }
}
