#!/usr/bin/python3
"""Real Pyro5 reads what the Java codec wrote: stdin has lines "NAME data|call HEX"; each is read with
Pyro5.serializers.MsgpackSerializer's loads or loadsCall, and "NAME TYPE REPR" goes to stdout, TYPE the
module-qualified class of the value (for an _ExceptionWrapper, of the exception it holds, after a colon).

PYRO5_SOURCES names a checkout of https://github.com/irmen/Pyro5.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyro5_values  # noqa: E402,F401  (puts PYRO5_SOURCES on sys.path)
import Pyro5.core  # noqa: E402
import Pyro5.serializers  # noqa: E402


def describe(value):
    t = type(value)
    name = t.__module__ + "." + t.__qualname__
    if isinstance(value, Pyro5.core._ExceptionWrapper):
        name += ":" + type(value.exception).__module__ + "." + type(value.exception).__qualname__
        value = value.exception
    if isinstance(value, BaseException):
        return "%s %r %r" % (name, value.args, getattr(value, "_pyroTraceback", None))
    return "%s %s" % (name, str(value) if isinstance(value, Pyro5.core.URI) else repr(value))


def main():
    ser = Pyro5.serializers.serializers["msgpack"]
    for line in sys.stdin:
        name, kind, data = line.split()
        data = bytes.fromhex(data)
        value = ser.loadsCall(data) if kind == "call" else ser.loads(data)
        print(name, describe(value))


if __name__ == "__main__":
    main()
