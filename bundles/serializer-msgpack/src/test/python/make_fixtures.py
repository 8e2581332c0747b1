#!/usr/bin/python3
"""Writes the msgpack fixtures of the serializer-msgpack tests with real Pyro5 (from its sources) and Debian's
python3-msgpack 1.0.3.

Run from the module directory:  PYRO5_SOURCES=/path/to/Pyro5-checkout /usr/bin/python3 src/test/python/make_fixtures.py
Each fixture is exactly what Pyro5.serializers.MsgpackSerializer puts in a message body: dumpsCall for
call_*.msgpack, dumps for data_*.msgpack and unsupported_*.msgpack. refused_*.msgpack are msgpack.packb's bytes of
values Pyro5's loads refuses (checked here). Set order is pinned (PYTHONHASHSEED=0).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyro5_values as values  # noqa: E402

values.pin_hash_seed()

import msgpack  # noqa: E402
import Pyro5.serializers  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "pyrons", "serializer",
                   "msgpack", "fixtures")


def refused():
    """Well-formed msgpack that Pyro5's loads refuses, with the error it raises."""
    uri_state = ["PYRO", "obj", None, "localhost", 5555]
    return {
        "refused_pyro4_uri": msgpack.packb({"__class__": "Pyro4.core.URI", "state": uri_state}, use_bin_type=True),
        "refused_pyro4_error": msgpack.packb({"__class__": "Pyro4.errors.NamingError", "__exception__": True,
                                              "args": ["x"], "attributes": {}}, use_bin_type=True),
        "refused_dunder_class": msgpack.packb({"__class__": "os.__builtins__", "x": 1}, use_bin_type=True),
        "refused_int_key": msgpack.packb({1: "one"}, use_bin_type=True),
        "refused_invalid_utf8": b"\xa2\xc3\x28",
        "refused_unknown_ext": msgpack.packb(msgpack.ExtType(0x40, b"x"), use_bin_type=True),
        "refused_extra_data": msgpack.packb(1) + msgpack.packb(2),
        "refused_cut_short": msgpack.packb(["abc", "def"], use_bin_type=True)[:-2],
    }


def main():
    ser = Pyro5.serializers.serializers["msgpack"]
    os.makedirs(OUT, exist_ok=True)
    for name, call in values.calls().items():
        write(name, ser.dumpsCall(*call))
    for name, value in list(values.data().items()) + list(values.unsupported().items()):
        write(name, ser.dumps(value))
    for name, data in refused().items():
        try:
            ser.loads(data)
        except Exception as e:  # what Pyro5 says is recorded in the test that reads the file
            print("  Pyro5 refuses %s: %s: %s" % (name, type(e).__name__, e))
        else:
            sys.exit("Pyro5 reads " + name)
        write(name, data)


def write(name, data):
    with open(os.path.join(OUT, name + ".msgpack"), "wb") as f:
        f.write(data)
    print("%-32s %6d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()
