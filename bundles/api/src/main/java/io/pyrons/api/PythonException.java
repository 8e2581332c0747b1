package io.pyrons.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error that travels to and from Pyro clients as a Python exception. {@link #pythonType()} is the
 * fully qualified Python class name it is serialized as ({@code builtins.TypeError},
 * {@code Pyro4.errors.NamingError}, ...), {@link #args()} its {@code args} tuple.
 */
public class PythonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final transient List<Object> args;
    private final transient Map<String, Object> attributes;

    public PythonException(String pythonType, String message) {
        this(pythonType, message == null ? List.of() : List.of(message), Map.of());
    }

    public PythonException(String pythonType, List<Object> args, Map<String, Object> attributes) {
        super(messageOf(args));
        this.pythonType = pythonType;
        this.args = Collections.unmodifiableList(new java.util.ArrayList<>(args));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    private static String messageOf(List<Object> args) {
        if (args.isEmpty()) {
            return "";
        }
        if (args.size() == 1) {
            return String.valueOf(args.get(0));
        }
        return args.toString();
    }

    /** The Python class this exception is serialized as, e.g. {@code builtins.ValueError}. */
    public String pythonType() {
        return pythonType;
    }

    /** The short Python class name, e.g. {@code ValueError}. */
    public String pythonName() {
        return pythonType.substring(pythonType.lastIndexOf('.') + 1);
    }

    /** The exception's {@code args} as Python sees them. */
    public List<Object> args() {
        return args;
    }

    /** Extra attributes (Pyro4 sends {@code _pyroTraceback} here). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    public static PythonException typeError(String message) {
        return new PythonException("builtins.TypeError", message);
    }

    public static PythonException valueError(String message) {
        return new PythonException("builtins.ValueError", message);
    }

    public static PythonException attributeError(String message) {
        return new PythonException("builtins.AttributeError", message);
    }

    /**
     * Recreates an exception received over the wire: Pyro's own errors (Pyro4's or Pyro5's) become their Java
     * classes, anything else a {@code PythonException} of that type. The type is kept as received.
     */
    public static PythonException of(String pythonType, List<Object> args, Map<String, Object> attributes) {
        return switch (PyroProtocol.PYRO4.exceptionClass(pythonType)) {
            case "Pyro4.errors.PyroError" -> new PyroError(pythonType, args, attributes);
            case "Pyro4.errors.CommunicationError" -> new CommunicationError(pythonType, args, attributes);
            case "Pyro4.errors.ConnectionClosedError" -> new ConnectionClosedError(pythonType, args, attributes);
            case "Pyro4.errors.TimeoutError" -> new TimeoutError(pythonType, args, attributes);
            case "Pyro4.errors.ProtocolError" -> new ProtocolError(pythonType, args, attributes);
            case "Pyro4.errors.MessageTooLargeError" -> new MessageTooLargeError(pythonType, args, attributes);
            case "Pyro4.errors.NamingError" -> new NamingError(pythonType, args, attributes);
            case "Pyro4.errors.DaemonError" -> new DaemonError(pythonType, args, attributes);
            case "Pyro4.errors.SecurityError" -> new SecurityError(pythonType, args, attributes);
            case "Pyro4.errors.SerializeError" -> new SerializeError(pythonType, args, attributes);
            default -> new PythonException(pythonType, args, attributes);
        };
    }
}
