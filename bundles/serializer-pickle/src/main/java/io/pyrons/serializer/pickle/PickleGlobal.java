package io.pyrons.serializer.pickle;

import io.pyrons.api.SecurityError;
import io.pyrons.protocol.values.PythonTypes;

/**
 * A global (module attribute) a pickle may name: only Pyro4's own types, Python's exceptions, and the few
 * builtins pickle itself needs for plain data (sets, bytes in protocols below 3, objects in protocols
 * below 2). Anything else is refused at the GLOBAL / STACK_GLOBAL opcode, before anything is called.
 */
record PickleGlobal(Kind kind, String pythonType) {
    enum Kind { URI, EXCEPTION_WRAPPER, EXCEPTION, SET, FROZENSET, BYTES, BYTEARRAY, CODECS_ENCODE, RECONSTRUCTOR, OBJECT }

    /** Resolves {@code module.name}, or throws {@link SecurityError}. */
    static PickleGlobal resolve(String module, String name) {
        // Python 3 writes Python 2 names (__builtin__, copy_reg, exceptions) in protocols 0-2 (fix_imports)
        boolean builtins = module.equals("builtins") || module.equals("__builtin__") || module.equals("exceptions");
        if (module.equals("Pyro4.core") && name.equals("URI")) {
            return new PickleGlobal(Kind.URI, "Pyro4.core.URI");
        }
        if (module.equals("Pyro4.futures") && name.equals("_ExceptionWrapper")) {
            return new PickleGlobal(Kind.EXCEPTION_WRAPPER, "Pyro4.futures._ExceptionWrapper");
        }
        if (module.equals("Pyro4.errors") && PythonTypes.PYRO_ERRORS.contains(name)) {
            return new PickleGlobal(Kind.EXCEPTION, "Pyro4.errors." + name);
        }
        if (builtins && PythonTypes.BUILTIN_EXCEPTIONS.contains(name)) {
            return new PickleGlobal(Kind.EXCEPTION, "builtins." + name);
        }
        if (builtins && !module.equals("exceptions")) {
            switch (name) {
                case "set":
                    return new PickleGlobal(Kind.SET, "builtins.set");
                case "frozenset":
                    return new PickleGlobal(Kind.FROZENSET, "builtins.frozenset");
                case "bytes":
                    return new PickleGlobal(Kind.BYTES, "builtins.bytes");
                case "bytearray":
                    return new PickleGlobal(Kind.BYTEARRAY, "builtins.bytearray");
                case "object":
                    return new PickleGlobal(Kind.OBJECT, "builtins.object");
                default:
                    break;
            }
        }
        if (module.equals("_codecs") && name.equals("encode")) {
            return new PickleGlobal(Kind.CODECS_ENCODE, "_codecs.encode");
        }
        if ((module.equals("copyreg") || module.equals("copy_reg")) && name.equals("_reconstructor")) {
            return new PickleGlobal(Kind.RECONSTRUCTOR, "copyreg._reconstructor");
        }
        throw new SecurityError("refused to unpickle " + module + "." + name
                + ": only plain data and Pyro4's own types (URI, errors, _ExceptionWrapper) are accepted");
    }
}
