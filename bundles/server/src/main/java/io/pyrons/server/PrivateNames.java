package io.pyrons.server;

import java.util.Set;

/** Pyro4's {@code util.is_private_attribute}: names a client may never call. */
final class PrivateNames {
    private static final Set<String> PRIVATE_DUNDER = Set.of("__init__", "__init_subclass__", "__class__", "__module__",
            "__weakref__", "__call__", "__new__", "__del__", "__repr__", "__unicode__", "__str__", "__format__",
            "__nonzero__", "__bool__", "__coerce__", "__cmp__", "__eq__", "__ne__", "__hash__", "__ge__", "__gt__",
            "__le__", "__lt__", "__dir__", "__enter__", "__exit__", "__copy__", "__deepcopy__", "__sizeof__",
            "__getattr__", "__setattr__", "__hasattr__", "__getattribute__", "__delattr__", "__instancecheck__",
            "__subclasscheck__", "__getinitargs__", "__getnewargs__", "__getstate__", "__setstate__", "__reduce__",
            "__reduce_ex__", "__getstate_for_dict__", "__setstate_from_dict__", "__subclasshook__");

    private PrivateNames() {
    }

    static boolean isPrivate(String name) {
        if (PRIVATE_DUNDER.contains(name)) {
            return true;
        }
        if (!name.startsWith("_")) {
            return false;
        }
        return !(name.length() > 4 && name.startsWith("__") && name.endsWith("__"));
    }
}
