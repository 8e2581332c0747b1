"""The values every serializer's src/test/python/make_fixtures.py writes with real Pyro4 4.82: a name-server
conversation (calls, replies, errors, URIs) and a spread of plain values, plus the file writing.

The Java side of the same values is io.pyrons.api.serializer.NameServerFixtures. A script puts this directory
on sys.path, imports this module and calls pin_hash_seed() before it makes any value.
"""
import math
import os
import sys

import Pyro4.core
import Pyro4.errors
import Pyro4.futures
import Pyro4.naming
import Pyro4.util

NS = "Pyro.NameServer"
URI = Pyro4.core.URI("PYRO:obj_8a1e0b5e4c@localhost:51234")
NS_URI = "PYRO:Pyro.NameServer@localhost:9090"
TRACEBACK = ["Traceback (most recent call last):\n",
             "  File \"Pyro4/naming.py\", line 98, in lookup\n",
             "Pyro4.errors.NamingError: unknown name: missing.name\n"]
BATCH_CALL = (NS, "<batch>", [("ping", (), {}), ("lookup", ("example.thermo",), {}), ("count", (), {})], None)


def pin_hash_seed():
    """Restarts the script with PYTHONHASHSEED=0 unless it has it: set order, and so the committed files,
    must not change from run to run."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)


def naming_error():
    ex = Pyro4.errors.NamingError("unknown name: missing.name")
    ex._pyroTraceback = TRACEBACK  # the daemon attaches the remote traceback like this
    return ex


def meta_reply():
    # what Daemon._handshake answers with FLAGS_META_ON_CONNECT for the name server object
    meta = Pyro4.util.get_exposed_members(Pyro4.naming.NameServer, as_lists=True)
    meta = {k: sorted(v) for k, v in meta.items()}  # stable order in the committed file
    return {"handshake": "hello", "meta": meta}


def calls(fmt):
    """The call_* fixtures: (object, method, args, kwargs) as Pyro4's serializeCall takes them."""
    result = {
        "call_lookup": (NS, "lookup", ("example.thermo",), {"return_metadata": True}),
        "call_register": (NS, "register", ("example.thermo", URI),
                          {"safe": True, "metadata": {"class:Thermometer", "room:kitchen"}}),
        "call_list": (NS, "list", (), {"prefix": "example.", "return_metadata": False}),
        "call_list_metadata": (NS, "list", (), {"metadata_all": {"room:kitchen"}, "return_metadata": True}),
        "call_ping": (NS, "ping", (), {}),
        "call_handshake_args": (NS, "yplookup", (), {"meta_any": {"a", "b"}, "return_metadata": True}),
    }
    if fmt != "marshal":
        # Pyro4's MarshalSerializer cannot write a batch call (its kwargs is None and it calls kwargs.items())
        result["call_batch"] = BATCH_CALL
    return result


def values(fmt):
    """The plain values of data_values.* (json has no bytes and only str keys)."""
    result = {"none": None, "true": True, "false": False, "int": -42,
              "long": 9223372036854775807, "big": 2 ** 100, "negbig": -(2 ** 70),
              "float": 3.5, "nan": float("nan"), "inf": math.inf, "-inf": -math.inf,
              "unicode": "caf\u00e9 \u65e5\u672c \U0001f600", "escapes": "tab\t nl\n cr\r bs\\ nul\x00 del\x7f \"q\"",
              "tuple": (1, "two", (3.0,)), "empty_tuple": (), "list": [1, [2, [3]]],
              "set": {"only"}, "empty_set": set(), "nested": {"k": {"deeper": [{"x": 1}]}}}
    if fmt != "json":
        result.update({"bytes": b"\x00\x01binary\xff", "empty_bytes": b"", "long_text": "x" * 300,
                       "frozenset": frozenset({7}), "int_keys": {1: "one", 2: "two"}, "tuple_key": {(1, 2): "pair"}})
    return result


FLOATS = [0.0, -0.0, 1.0, 0.1, 1 / 3, 1e16, 1e-5, 5e-324, 1.7976931348623157e308, 1e100]


def data(data_values, data_floats=FLOATS):
    """The data_* fixtures: values as Pyro4's serializeData takes them."""
    return {
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
        "data_values": data_values,
        "data_floats": data_floats,
        "data_exceptions": [ValueError("bad", 42), Pyro4.errors.SecurityError("no"), KeyError("k"),
                            Pyro4.errors.ProtocolError("proto")],
        "data_empty_tuple": (),
        "data_empty_set": set(),
    }


class FixtureWriter:
    """Writes NAME.EXT into a serializer module's src/test/resources/io/pyrons/serializer/FMT/fixtures."""

    def __init__(self, script, fmt):
        self.ext = fmt
        self.out = os.path.join(os.path.dirname(os.path.abspath(script)), "..", "resources",
                                "io", "pyrons", "serializer", fmt, "fixtures")
        os.makedirs(self.out, exist_ok=True)

    def write(self, name, data):
        with open(os.path.join(self.out, name + "." + self.ext), "wb") as f:
            f.write(data)
        print("%-32s %5d bytes" % (name, len(data)))

    def write_calls(self, ser, call_fixtures):
        for name, call in call_fixtures.items():
            data, _ = ser.serializeCall(*call, compress=False)
            self.write(name, data)

    def write_data(self, ser, data_fixtures):
        for name, value in data_fixtures.items():
            data, _ = ser.serializeData(value, compress=False)
            self.write(name, data)


def _literals(code):
    """Every constant of a code object, with the items of constant tuples and of nested functions' code."""
    for const in code.co_consts:
        if isinstance(const, type(code)):
            yield from _literals(const)
        else:
            yield from _items(const)


def _items(const):
    yield const
    if isinstance(const, (tuple, frozenset)):
        for item in const:
            yield from _items(item)


# Python's marshal marks an object it may meet again (FLAG_REF) when anything else holds a reference to it.
# A script run as __main__ keeps its parsed source, and with it every literal, alive while it runs; the
# committed marshal fixtures were written by scripts that had these literals in themselves. Holding this
# module's literals the same way keeps the marshal bytes what they were.
_LITERALS = list(_literals(sys._getframe(0).f_code))
