package io.pyrons.api;

/**
 * A version of Pyro's wire protocol that pyrons speaks, and the names its Python side gives to Pyro's own
 * classes when they travel as class dicts. The framing itself lives in {@code io.pyrons.protocol}; this is what
 * the parts that are not framing (serializers, the daemon, the name server) need to know about a connection's
 * protocol.
 */
public enum PyroProtocol {
    /** Pyro4 (4.x), protocol version 48. */
    PYRO4(48, "Pyro4", "Pyro4.core.URI", "Pyro4.futures._ExceptionWrapper"),
    /** Pyro5 (5.x), protocol version 502. */
    PYRO5(502, "Pyro5", "Pyro5.core.URI", "Pyro5.core._ExceptionWrapper");

    private final int version;
    private final String module;
    private final String uriClass;
    private final String exceptionWrapperClass;

    PyroProtocol(int version, String module, String uriClass, String exceptionWrapperClass) {
        this.version = version;
        this.module = module;
        this.uriClass = uriClass;
        this.exceptionWrapperClass = exceptionWrapperClass;
    }

    /** The protocol version in the message header: 48 or 502. */
    public int version() {
        return version;
    }

    /** The name configurations use ({@code protocols.accepted}): {@code pyro4}, {@code pyro5}. */
    public String configName() {
        return module.toLowerCase(java.util.Locale.ROOT);
    }

    /** The Python package of this Pyro version: {@code Pyro4}, {@code Pyro5}. */
    public String module() {
        return module;
    }

    /** The class name of a URI in a class dict: {@code Pyro4.core.URI}, {@code Pyro5.core.URI}. */
    public String uriClass() {
        return uriClass;
    }

    /** The class name of a failed batch call's result: {@code Pyro4.futures._ExceptionWrapper}, {@code Pyro5.core._ExceptionWrapper}. */
    public String exceptionWrapperClass() {
        return exceptionWrapperClass;
    }

    /** The module of Pyro's own errors: {@code Pyro4.errors}, {@code Pyro5.errors}. */
    public String errorsModule() {
        return module + ".errors";
    }

    /**
     * A Python exception class as this protocol's clients know it: Pyro's own errors (named in any Pyro version's
     * errors module) move to this version's module, every other class keeps its name. A Pyro5 client refuses
     * {@code Pyro4.errors.NamingError} and the reverse.
     */
    public String exceptionClass(String pythonType) {
        for (PyroProtocol p : values()) {
            String prefix = p.errorsModule() + ".";
            if (pythonType.startsWith(prefix)) {
                return errorsModule() + "." + pythonType.substring(prefix.length());
            }
        }
        return pythonType;
    }

    /** The protocol with this header version, or null if pyrons speaks no such version. */
    public static PyroProtocol ofVersion(int version) {
        for (PyroProtocol p : values()) {
            if (p.version == version) {
                return p;
            }
        }
        return null;
    }
}
