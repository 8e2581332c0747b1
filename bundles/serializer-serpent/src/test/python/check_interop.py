#!/usr/bin/python3
"""Manual interop check: real Pyro4 4.82 reads what pyrons' serpent serializer wrote.

Run the module's tests first (they write target/serpent-interop/*.serpent), then from the module
directory:  /usr/bin/python3 src/test/python/check_interop.py
For each fixture, Pyro4 reads Python's fixture bytes and our bytes and the results must be equal
(exceptions compared by type, args and attributes). The java_*.serpent files have no Python original:
their Pyro4 reading is printed with types. Exits 1 on any mismatch.
"""
import glob
import math
import os
import sys

import Pyro4.core
import Pyro4.futures
import Pyro4.util

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "resources", "io", "pyrons", "serializer", "serpent", "fixtures")
OURS = os.path.join(HERE, "..", "..", "..", "target", "serpent-interop")
ser = Pyro4.util.SerpentSerializer()


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if os.path.basename(path).startswith("call_") or os.path.basename(path) == "java_call.serpent":
        return ser.deserializeCall(data, compressed=False)
    return ser.deserializeData(data, compressed=False)


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, BaseException):
        return a.args == b.args and same(vars(a), vars(b))
    if isinstance(a, Pyro4.futures._ExceptionWrapper):
        return same(a.exception, b.exception)
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    return a == b


def describe(value, indent="  "):
    if isinstance(value, dict):
        return "{" + ", ".join("%r: %s" % (k, describe(v)) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(describe(v) for v in value)
        if isinstance(value, list):
            return "[%s]" % inner
        return "(%s,)" % inner if len(value) == 1 else "(%s)" % inner
    if isinstance(value, Pyro4.futures._ExceptionWrapper):
        return "_ExceptionWrapper(%s)" % describe(value.exception)
    if isinstance(value, BaseException):
        return "%s.%s%r%s" % (type(value).__module__, type(value).__name__, value.args, vars(value) or "")
    return "%r<%s>" % (value, type(value).__name__)


def main():
    failures = 0
    for fixture in sorted(glob.glob(os.path.join(FIXTURES, "*.serpent"))):
        name = os.path.basename(fixture)
        ours = os.path.join(OURS, name)
        if not os.path.exists(ours):
            print("MISSING  %s (run the tests first)" % name)
            failures += 1
            continue
        expected, actual = load(fixture), load(ours)
        identical = open(fixture, "rb").read() == open(ours, "rb").read()
        ok = same(expected, actual)
        failures += 0 if ok else 1
        print("%s %-34s %s" % ("OK      " if ok else "MISMATCH", name, "same bytes" if identical else "different bytes"))
        if not ok:
            print("  python:", describe(expected))
            print("  ours:  ", describe(actual))
    for path in sorted(glob.glob(os.path.join(OURS, "java_*.serpent"))):
        print("READ     %s\n  %s" % (os.path.basename(path), describe(load(path))))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
