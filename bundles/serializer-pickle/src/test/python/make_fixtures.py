#!/usr/bin/python3
"""Writes the pickle fixtures of the serializer-pickle tests with real Pyro4 4.82.

Run from the module directory:  /usr/bin/python3 src/test/python/make_fixtures.py
Each fixture is exactly what Pyro4.util.PickleSerializer puts in a message body: serializeCall for call_*.pickle,
serializeData for data_*.pickle. PYTHONHASHSEED is pinned so set order is stable and the committed files
do not change from run to run.
"""
import math
import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import Pyro4.core
import Pyro4.errors
import Pyro4.futures
import Pyro4.naming
import Pyro4.util

pickle = "pickle"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources",
                   "io", "pyrons", "serializer", pickle, "fixtures")
NS = "Pyro.NameServer"
URI = Pyro4.core.URI("PYRO:obj_8a1e0b5e4c@localhost:51234")
NS_URI = "PYRO:Pyro.NameServer@localhost:9090"
TRACEBACK = ["Traceback (most recent call last):\n",
             "  File \"Pyro4/naming.py\", line 98, in lookup\n",
             "Pyro4.errors.NamingError: unknown name: missing.name\n"]


def naming_error():
    ex = Pyro4.errors.NamingError("unknown name: missing.name")
    ex._pyroTraceback = TRACEBACK  # the daemon attaches the remote traceback like this
    return ex


def meta_reply():
    # what Daemon._handshake answers with FLAGS_META_ON_CONNECT for the name server object
    meta = Pyro4.util.get_exposed_members(Pyro4.naming.NameServer, as_lists=True)
    meta = {k: sorted(v) for k, v in meta.items()}  # stable order in the committed file
    return {"handshake": "hello", "meta": meta}


CALLS = {
    "call_lookup": (NS, "lookup", ("example.thermo",), {"return_metadata": True}),
    "call_register": (NS, "register", ("example.thermo", URI),
                      {"safe": True, "metadata": {"class:Thermometer", "room:kitchen"}}),
    "call_list": (NS, "list", (), {"prefix": "example.", "return_metadata": False}),
    "call_list_metadata": (NS, "list", (), {"metadata_all": {"room:kitchen"}, "return_metadata": True}),
    "call_ping": (NS, "ping", (), {}),
    "call_handshake_args": (NS, "yplookup", (), {"meta_any": {"a", "b"}, "return_metadata": True}),
}
if pickle != "marshal":
    # Pyro4's MarshalSerializer cannot write a batch call (its kwargs is None and it calls kwargs.items())
    CALLS["call_batch"] = (NS, "<batch>", [("ping", (), {}), ("lookup", ("example.thermo",), {}),
                                           ("count", (), {})], None)

VALUES = {"none": None, "true": True, "false": False, "int": -42,
          "long": 9223372036854775807, "big": 2 ** 100, "negbig": -(2 ** 70),
          "float": 3.5, "nan": float("nan"), "inf": math.inf, "-inf": -math.inf,
          "unicode": "caf\u00e9 \u65e5\u672c \U0001f600", "escapes": "tab\t nl\n cr\r bs\\ nul\x00 del\x7f \"q\"",
          "tuple": (1, "two", (3.0,)), "empty_tuple": (), "list": [1, [2, [3]]],
          "set": {"only"}, "empty_set": set(), "nested": {"k": {"deeper": [{"x": 1}]}}}
if pickle != "json":
    VALUES.update({"bytes": b"\x00\x01binary\xff", "empty_bytes": b"", "long_text": "x" * 300,
                   "frozenset": frozenset({7}), "int_keys": {1: "one", 2: "two"}, "tuple_key": {(1, 2): "pair"}})

DATA = {
    "data_handshake": {"handshake": "hello", "object": NS},
    "data_handshake_meta_reply": meta_reply(),
    "data_list_result": {NS: NS_URI, "example.thermo": URI.asString()},
    "data_list_result_metadata": {"example.thermo": (URI.asString(), ["class:Thermometer"])},
    "data_lookup_result": URI,
    "data_lookup_result_metadata": (URI, ["class:Thermometer"]),
    "data_naming_error": naming_error(),
    "data_type_error": TypeError("lookup() missing 1 required positional argument: 'name'"),
    "data_batch_result": [None, URI, Pyro4.futures._ExceptionWrapper(naming_error())],
    "data_uris": [Pyro4.core.URI("PYRO:obj@./u:/tmp/pyro.sock"),
                  Pyro4.core.URI("PYRONAME:example.thermo"),
                  Pyro4.core.URI("PYRONAME:example.thermo@nshost:9999"),
                  Pyro4.core.URI("PYROMETA:room:kitchen"),
                  Pyro4.core.URI("PYRO:obj@[::1]:4444")],
    "data_values": VALUES,
    "data_floats": [0.0, -0.0, 1.0, 0.1, 1 / 3, 1e16, 1e-5, 5e-324, 1.7976931348623157e308, 1e100],
    "data_exceptions": [ValueError("bad", 42), Pyro4.errors.SecurityError("no"), KeyError("k"),
                        Pyro4.errors.ProtocolError("proto")],
    "data_empty_tuple": (),
    "data_empty_set": set(),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    ser = Pyro4.util.get_serializer(pickle)
    for name, call in CALLS.items():
        data, _ = ser.serializeCall(*call, compress=False)
        write(name, data)
    for name, value in DATA.items():
        data, _ = ser.serializeData(value, compress=False)
        write(name, data)
    extra(ser)


def write(name, data):
    with open(os.path.join(OUT, name + "." + pickle), "wb") as f:
        f.write(data)
    print("%-32s %5d bytes" % (name, len(data)))


def extra(ser):
    """Pickles a hostile client could send, and older protocols a configured client may use."""
    import pickle
    import subprocess

    class Evil(object):
        def __reduce__(self):
            return os.system, ("echo pwned > /tmp/pyrons-pickle-pwned",)

    class Popen(object):
        def __reduce__(self):
            return subprocess.Popen, (["touch", "/tmp/pyrons-pickle-pwned"],)

    class Eval(object):
        def __reduce__(self):
            return eval, ("__import__('os').system('echo pwned')",)

    write("hostile_os_system", pickle.dumps(Evil(), 5))
    write("hostile_popen_protocol2", pickle.dumps(Popen(), 2))
    write("hostile_eval_in_call", ser.dumpsCall(NS, "lookup", (Eval(),), {}))
    write("hostile_nested_in_uri_state", pickle.dumps({"ok": [1, 2, Evil()]}, 4))
    for protocol in (0, 1, 2, 3, 4):
        write("proto%d_values" % protocol, pickle.dumps(
            [URI, naming_error(), {"a", "b"}, b"by\xfftes", (1, 2 ** 70), Pyro4.futures._ExceptionWrapper(KeyError("k"))],
            protocol))


if __name__ == "__main__":
    main()
