"""A name holding a lone surrogate (U+D800, which no UTF-8 text can hold) registered and read back with a real
Pyro4 4.82 client in one serializer, to compare what pyrons keeps with what pyro4-ns keeps.

Usage: ns_surrogate.py HOST PORT SERIALIZER
SERIALIZER json-ascii is json as every non-Python client writes it: Pyro4's json serializer with ensure_ascii,
so that the surrogate travels as the escape \\ud800 (Pyro4's own json client cannot encode it at all).
Prints one line per step, "STEP -> ascii(result)" or "STEP !! TYPE: MESSAGE", with the port replaced by PORT.
"""
import sys

import Pyro4

HOST, PORT, SERIALIZER = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if SERIALIZER == "json-ascii":
    import json
    import Pyro4.util

    def dumps_ascii(self, data):
        return json.dumps(data, ensure_ascii=True, default=self.default).encode("utf-8")

    def dumps_call_ascii(self, obj, method, vargs, kwargs):
        return dumps_ascii(self, {"object": obj, "method": method, "params": vargs, "kwargs": kwargs})

    Pyro4.util.JsonSerializer.dumps = dumps_ascii
    Pyro4.util.JsonSerializer.dumpsCall = dumps_call_ascii
    SERIALIZER = "json"
Pyro4.config.SERIALIZER = SERIALIZER
Pyro4.config.COMMTIMEOUT = 15
NAME = "lone.\ud800.name"
METADATA = {"meta\ud800data"}


def step(label, fn):
    try:
        print("%s -> %s" % (label, ascii(fn()).replace(str(PORT), "PORT")))
    except Exception as x:
        print("%s !! %s: %s" % (label, type(x).__name__, ascii(str(x)).replace(str(PORT), "PORT")))
    sys.stdout.flush()


with Pyro4.Proxy("PYRO:Pyro.NameServer@%s:%d" % (HOST, PORT)) as ns:
    step("register", lambda: ns.register(NAME, "PYRO:obj@localhost:4567", metadata=METADATA))
    step("lookup", lambda: str(ns.lookup(NAME)))
    step("list prefix", lambda: {k: str(v) for k, v in ns.list(prefix="lone.").items()})
    step("list regex", lambda: sorted(ns.list(regex="lone\\..*").keys()))
    step("list meta", lambda: sorted(ns.list(metadata_all=METADATA).keys()))
    step("list all", lambda: sorted(ns.list().keys()))
    step("remove", lambda: ns.remove(NAME))
    step("after remove", lambda: sorted(ns.list(prefix="lone.").keys()))
