#!/usr/bin/python3
"""Writes the pickle fixtures of the serializer-pickle tests with real Pyro4 4.82.

Run from the module directory:  /usr/bin/python3 src/test/python/make_fixtures.py
Each fixture is exactly what Pyro4.util.PickleSerializer puts in a message body: serializeCall for call_*.pickle,
serializeData for data_*.pickle (values from bundles/api/src/test/python/pyro_fixture_values.py), plus
hostile pickles and the older pickle protocols.
"""
import os
import sys

# the values every serializer writes live in one place, beside the api test-jar
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "api", "src", "test", "python"))
sys.dont_write_bytecode = True  # no __pycache__ beside the sources
import pyro_fixture_values as fixtures  # noqa: E402

fixtures.pin_hash_seed()

import pickle  # noqa: E402
import subprocess  # noqa: E402

import Pyro4.futures  # noqa: E402
import Pyro4.util  # noqa: E402


def main():
    ser = Pyro4.util.get_serializer("pickle")
    out = fixtures.FixtureWriter(__file__, "pickle")
    out.write_calls(ser, fixtures.calls("pickle"))
    out.write_data(ser, fixtures.data(fixtures.values("pickle")))
    hostile_and_old_protocols(ser, out)


def hostile_and_old_protocols(ser, out):
    """Pickles a hostile client could send, and older protocols a configured client may use."""

    class Evil(object):
        def __reduce__(self):
            return os.system, ("echo pwned > /tmp/pyrons-pickle-pwned",)

    class Popen(object):
        def __reduce__(self):
            return subprocess.Popen, (["touch", "/tmp/pyrons-pickle-pwned"],)

    class Eval(object):
        def __reduce__(self):
            return eval, ("__import__('os').system('echo pwned')",)

    out.write("hostile_os_system", pickle.dumps(Evil(), 5))
    out.write("hostile_popen_protocol2", pickle.dumps(Popen(), 2))
    out.write("hostile_eval_in_call", ser.dumpsCall(fixtures.NS, "lookup", (Eval(),), {}))
    out.write("hostile_nested_in_uri_state", pickle.dumps({"ok": [1, 2, Evil()]}, 4))
    for protocol in (0, 1, 2, 3, 4):
        out.write("proto%d_values" % protocol, pickle.dumps(
            [fixtures.URI, fixtures.naming_error(), {"a", "b"}, b"by\xfftes", (1, 2 ** 70),
             Pyro4.futures._ExceptionWrapper(KeyError("k"))],
            protocol))


if __name__ == "__main__":
    main()
