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
     * Recreates an exception received over the wire: Pyro4's own errors become their Java classes,
     * anything else a {@code PythonException} of that type.
     */
    public static PythonException of(String pythonType, List<Object> args, Map<String, Object> attributes) {
        String message = messageOf(args);
        PythonException known = switch (pythonType) {
            case "Pyro4.errors.PyroError" -> new PyroError(message);
            case "Pyro4.errors.CommunicationError" -> new CommunicationError(message);
            case "Pyro4.errors.ConnectionClosedError" -> new ConnectionClosedError(message);
            case "Pyro4.errors.TimeoutError" -> new TimeoutError(message);
            case "Pyro4.errors.ProtocolError" -> new ProtocolError(message);
            case "Pyro4.errors.MessageTooLargeError" -> new MessageTooLargeError(message);
            case "Pyro4.errors.NamingError" -> new NamingError(message);
            case "Pyro4.errors.DaemonError" -> new DaemonError(message);
            case "Pyro4.errors.SecurityError" -> new SecurityError(message);
            case "Pyro4.errors.SerializeError" -> new SerializeError(message);
            default -> null;
        };
        if (known != null && args.size() <= 1 && attributes.isEmpty()) {
            return known;
        }
        return new PythonException(pythonType, args, attributes);
    }
}
