#!/usr/bin/python3
"""Writes the json fixtures of the serializer-json tests with real Pyro4 4.82.

Run from the module directory:  /usr/bin/python3 src/test/python/make_fixtures.py
Each fixture is exactly what Pyro4.util.JsonSerializer puts in a message body: serializeCall for call_*.json,
serializeData for data_*.json (values from bundles/api/src/test/python/pyro_fixture_values.py).
"""
import os
import sys

# the values every serializer writes live in one place, beside the api test-jar
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "api", "src", "test", "python"))
sys.dont_write_bytecode = True  # no __pycache__ beside the sources
import pyro_fixture_values as fixtures  # noqa: E402

fixtures.pin_hash_seed()

import Pyro4.util  # noqa: E402


def main():
    ser = Pyro4.util.get_serializer("json")
    out = fixtures.FixtureWriter(__file__, "json")
    out.write_calls(ser, fixtures.calls("json"))
    out.write_data(ser, fixtures.data(fixtures.values("json")))


if __name__ == "__main__":
    main()
