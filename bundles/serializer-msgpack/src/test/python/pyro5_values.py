"""The values the msgpack fixtures hold, as real Pyro5 makes them: a Pyro5 name-server conversation (calls,
replies, errors, URIs), plain values, and the types Pyro5's MsgpackSerializer encodes in its own way.

Pyro5 is not packaged by Debian: scripts import it from a checkout of https://github.com/irmen/Pyro5 named by
PYRO5_SOURCES (its sources are never committed here), with Debian's python3-msgpack and python3-serpent.
"""
import datetime
import decimal
import math
import os
import sys
import uuid


def import_pyro5():
    src = os.environ.get("PYRO5_SOURCES")
    if not src or not os.path.isdir(os.path.join(src, "Pyro5")):
        sys.exit("PYRO5_SOURCES must name a checkout of https://github.com/irmen/Pyro5 (the directory holding Pyro5/)")
    sys.path.insert(0, src)


def pin_hash_seed():
    """Restarts the script with PYTHONHASHSEED=0 unless it has it: set order, and so the bytes, stay the same."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)


sys.dont_write_bytecode = True
import_pyro5()
import Pyro5.core  # noqa: E402
import Pyro5.errors  # noqa: E402
import Pyro5.nameserver  # noqa: E402
import Pyro5.serializers  # noqa: E402
import Pyro5.server  # noqa: E402

NS = "Pyro.NameServer"
URI = Pyro5.core.URI("PYRO:obj_8a1e0b5e4c@localhost:51234")
NS_URI = "PYRO:Pyro.NameServer@localhost:9090"
TRACEBACK = ["Traceback (most recent call last):\n",
             "  File \"Pyro5/nameserver.py\", line 120, in lookup\n",
             "Pyro5.errors.NamingError: unknown name: missing.name\n"]


def naming_error():
    ex = Pyro5.errors.NamingError("unknown name: missing.name")
    ex._pyroTraceback = TRACEBACK  # the daemon attaches the remote traceback like this
    return ex


def calls():
    """The call_* fixtures: (object, method, vargs, kwargs) as Pyro5's dumpsCall takes them."""
    return {
        "call_lookup": (NS, "lookup", ("example.thermo",), {"return_metadata": True}),
        "call_register": (NS, "register", ("example.thermo", URI), {"safe": True, "metadata": {"class:Thermometer"}}),
        "call_list_positional": (NS, "list", ("example.", None, True), {}),
        "call_yplookup": (NS, "yplookup", (), {"meta_any": {"room:kitchen"}, "return_metadata": True}),
        "call_ping": (NS, "ping", (), {}),
        # Pyro5's batch proxy: vargs the calls, kwargs None
        "call_batch": (NS, "<batch>", [("ping", (), {}), ("lookup", ("example.thermo",), {}), ("count", (), {})], None),
    }


def int_edges():
    """Each boundary between msgpack's int formats, on both sides, and the ints beyond 64 bits (ext 0x31)."""
    edges = []
    for bound in (0x7f, 0xff, 0xffff, 0xffffffff, 0xffffffffffffffff):
        edges += [bound, bound + 1]
    for bound in (-0x20, -0x80, -0x8000, -0x80000000, -0x8000000000000000):
        edges += [bound, bound - 1]
    return edges + [2 ** 100, -(2 ** 70)]


def data():
    """The data_* fixtures: values as Pyro5's dumps takes them."""
    meta = Pyro5.server._get_exposed_members(Pyro5.nameserver.NameServer)
    return {
        "data_handshake": {"handshake": "hello", "object": NS},
        "data_handshake_meta_reply": {"handshake": "hello", "meta": meta},
        "data_list_result": {NS: NS_URI, "example.thermo": str(URI)},
        "data_list_result_metadata": {"example.thermo": (str(URI), {"class:Thermometer"})},
        "data_lookup_result": URI,
        "data_lookup_result_metadata": (URI, {"class:Thermometer"}),
        "data_naming_error": naming_error(),
        "data_type_error": TypeError("lookup() missing 1 required positional argument: 'name'"),
        "data_batch_result": [None, URI, Pyro5.core._ExceptionWrapper(naming_error())],
        "data_uris": [Pyro5.core.URI("PYRO:obj@./u:/tmp/pyro.sock"),
                      Pyro5.core.URI("PYRONAME:example.thermo"),
                      Pyro5.core.URI("PYRONAME:example.thermo@nshost:9999"),
                      Pyro5.core.URI("PYROMETA:room:kitchen"),
                      Pyro5.core.URI("PYRO:obj@[::1]:4444")],
        "data_exceptions": [ValueError("bad", 42), Pyro5.errors.SecurityError("no"), KeyError("k"),
                            Pyro5.errors.ProtocolError("proto")],
        "data_values": {"none": None, "true": True, "false": False, "int": -42,
                        "float": 3.5, "nan": float("nan"), "inf": math.inf, "-inf": -math.inf,
                        "unicode": "caf\u00e9 \u65e5\u672c \U0001f600", "escapes": "tab\t nl\n nul\x00 del\x7f \"q\"",
                        "tuple": (1, "two", (3.0,)), "empty_tuple": (), "list": [1, [2, [3]]],
                        # no frozenset: Pyro5's default() takes set only and refuses it
                        "set": {"only"}, "empty_set": set(), "nested": {"k": {"deeper": [{"x": 1}]}},
                        "bytes": b"\x00\x01binary\xff", "empty_bytes": b"", "str8": "x" * 40, "str16": "y" * 300,
                        "str32": "z" * 70000, "bin16": b"\x01" * 300, "array16": list(range(20)),
                        "map16": {"k%02d" % i: i for i in range(20)}},
        "data_ints": int_edges(),
        "data_floats": [0.0, -0.0, 1.0, 0.1, 1 / 3, 1e16, 1e-5, 5e-324, 1.7976931348623157e308, 1e100],
        # written by Pyro5 as str: read back as str
        "data_uuid_decimal": [uuid.UUID("12345678-1234-5678-1234-567812345678"), decimal.Decimal("-1.50E+3")],
        "data_empty_tuple": (),
        "data_empty_set": set(),
    }


def unsupported():
    """Values Pyro5 writes with an ext code of its own that the value model has no place for: refused when read."""
    return {
        "unsupported_complex": 1.5 - 2j,
        "unsupported_datetime": datetime.datetime(2026, 12, 2, 5, 30, 15, 250000),
        "unsupported_date": datetime.date(2026, 12, 2),
    }
