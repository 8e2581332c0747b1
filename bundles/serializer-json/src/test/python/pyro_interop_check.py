"""The body of the json, marshal and pickle modules' check_interop.py (each names its serializer): reads what
the Java serializer wrote (target/<name>-interop, left there by the tests) with real Pyro4 4.82 and prints the
Python types, failing on any file Pyro4 cannot read or whose Pyro types are not the real ones.
"""
import os
import sys

import Pyro4.core
import Pyro4.errors
import Pyro4.futures
import Pyro4.util


def kinds(value, depth=0):
    """A compact type tree: what Python actually got."""
    t = type(value).__module__ + "." + type(value).__name__ if type(value).__module__ != "builtins" else type(value).__name__
    if depth > 4:
        return t
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [kinds(v, depth + 1) for v in list(value)[:8]] + (["..."] if len(value) > 8 else [])
        return t + "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        return t + "{" + ", ".join(repr(k) + ": " + kinds(v, depth + 1) for k, v in value.items()) + "}"
    if isinstance(value, Pyro4.futures._ExceptionWrapper):
        return t + "(" + kinds(value.exception, depth + 1) + ")"
    return t


def main(serializer, module_dir):
    """Reads module_dir/target/<serializer>-interop with Pyro4's serializer of that name."""
    DIR = os.path.join(module_dir, "target", serializer + "-interop")
    ser = Pyro4.util.get_serializer(serializer)
    names = sorted(os.listdir(DIR))
    if not names:
        sys.exit("nothing in " + DIR + ": run the tests first")
    for name in names:
        with open(os.path.join(DIR, name), "rb") as f:
            data = f.read()
        if name.startswith("call_") or name.startswith("java_call"):
            obj, method, vargs, kwargs = ser.deserializeCall(data)
            print("%-34s call %s.%s(%s, %s)" % (name, obj, method, kinds(vargs), kinds(kwargs)))
        else:
            value = ser.deserializeData(data)
            print("%-34s %s" % (name, kinds(value)))
            check(name, value)
    print("OK: %d files read by Pyro4 %s" % (len(names), Pyro4.__version__))


def check(name, value):
    if "lookup_result" in name:
        uri = value[0] if isinstance(value, (tuple, list)) else value
        assert isinstance(uri, Pyro4.core.URI) and str(uri) == "PYRO:obj_8a1e0b5e4c@localhost:51234", value
    if "naming_error" in name:
        assert isinstance(value, Pyro4.errors.NamingError), value
        assert value._pyroTraceback[-1].startswith("Pyro4.errors.NamingError"), vars(value)
    if "batch_result" in name:
        assert isinstance(value[2], Pyro4.futures._ExceptionWrapper), value
        assert isinstance(value[2].exception, Pyro4.errors.NamingError), value
