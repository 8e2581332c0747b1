#!/usr/bin/python3
"""Writes the serpent fixtures of the serializer-serpent tests with real Pyro4 4.82.

Run from the module directory:  /usr/bin/python3 src/test/python/make_fixtures.py
Each fixture is exactly what Pyro4.util.SerpentSerializer puts in a message body: serializeCall for
call_*.serpent, serializeData for data_*.serpent (the name-server values from
bundles/api/src/test/python/pyro_fixture_values.py; serpent's own plain values and floats, as it writes text).
"""
import os
import sys

# the values every serializer writes live in one place, beside the api test-jar
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "api", "src", "test", "python"))
sys.dont_write_bytecode = True  # no __pycache__ beside the sources
import pyro_fixture_values as fixtures  # noqa: E402

fixtures.pin_hash_seed()

import math  # noqa: E402

import Pyro4.util  # noqa: E402

VALUES = {"none": None, "true": True, "false": False, "int": -42,
          "long": 9223372036854775807, "big": 2 ** 100, "negbig": -(2 ** 70),
          "float": 3.5, "tiny": 1e-300, "nan": float("nan"), "inf": math.inf, "-inf": -math.inf,
          "bytes": b"\x00\x01binary\xff", "empty_bytes": b"",
          "unicode": "caf\u00e9 \u65e5\u672c \U0001f600", "escapes": "tab\t nl\n cr\r bs\\ nul\x00 del\x7f",
          "quotes1": "it's", "quotes2": "say \"hi\"", "quotes3": "both ' and \"",
          "nonprint": "\u2028 \xa0 \U000e0001 \ud800",
          "tuple": (1, "two", (3.0,)), "empty_tuple": (), "list": [1, [2, [3]]],
          "set": {"only"}, "empty_set": set(), "nested": {"k": {"deeper": [{"x": 1}]}},
          "int_keys": {1: "one", 2: "two"}}
FLOATS = [0.0, -0.0, 1.0, 0.1, 1 / 3, 1e15, 1e16, 1.5e16, 123456789012345678.0, 1e-4, 1e-5,
          0.00012345, 2.5e-10, 1e22, 1e23, 5e-324, 1.7976931348623157e308, -2.75, 100.0,
          12345.678, 9007199254740993.0, 0.3, 2 ** 0.5, 1e100, 8.41e21]


def main():
    ser = Pyro4.util.SerpentSerializer()
    out = fixtures.FixtureWriter(__file__, "serpent")
    # the serpent tests read no yplookup call fixture
    serpent_calls = fixtures.calls("serpent")
    del serpent_calls["call_handshake_args"]
    out.write_calls(ser, serpent_calls)
    out.write_data(ser, fixtures.data(VALUES, FLOATS))


if __name__ == "__main__":
    main()
