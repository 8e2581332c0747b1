#!/usr/bin/python3
"""Writes the marshal fixtures of the serializer-marshal tests with real Pyro4 4.82.

Run from the module directory:  /usr/bin/python3 src/test/python/make_fixtures.py
Each fixture is exactly what Pyro4.util.MarshalSerializer puts in a message body: serializeCall for call_*.marshal,
serializeData for data_*.marshal (values from bundles/api/src/test/python/pyro_fixture_values.py).
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
    ser = Pyro4.util.get_serializer("marshal")
    out = fixtures.FixtureWriter(__file__, "marshal")
    out.write_calls(ser, fixtures.calls("marshal"))
    for name, value in fixtures.data(fixtures.values("marshal")).items():
        try:
            data, _ = ser.serializeData(value, compress=False)
        except ValueError:
            # Pyro4's MarshalSerializer converts only the top-level object (convert_obj_into_marshallable);
            # a URI or exception inside a tuple or list is "unmarshallable" for it. Our writer converts at
            # every level with the same class_to_dict, which Pyro4's recreate_classes reads back at every
            # level: these fixtures are what that gives.
            data, _ = ser.serializeData(deep_convert(ser, value), compress=False)
            name += "_nested"
        out.write(name, data)


def deep_convert(ser, value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(deep_convert(ser, v) for v in value)
    if isinstance(value, dict):
        return {k: deep_convert(ser, v) for k, v in value.items()}
    converted = ser.convert_obj_into_marshallable(value)
    if isinstance(converted, dict) and converted is not value:
        return {k: deep_convert(ser, v) for k, v in converted.items()}
    return converted


if __name__ == "__main__":
    main()
