"""yplookup, the pyrons extension of the name server API (not in Pyro4 4.82), called from a real Pyro4 client.

Usage: ns_yplookup.py HOST PORT

Signature as in Pyro5: yplookup(meta_all=None, meta_any=None, return_metadata=True); pyrons also
accepts both filters at once (registrations with all of meta_all and any of meta_any).
Prints one canonical line per step (dicts sorted, metadata lists sorted), then END. Cleans up after itself.
"""
import sys

import Pyro4

HOST = sys.argv[1]
PORT = int(sys.argv[2])


def canon(result):
    if isinstance(result, dict):
        items = []
        for name, value in sorted(result.items()):
            if isinstance(value, (list, tuple)):
                items.append("%s=%s%s" % (name, value[0], sorted(value[1])))
            else:
                items.append("%s=%s" % (name, value))
        return "{" + ", ".join(items) + "}"
    return repr(result)


def step(label, call):
    try:
        line = "ok " + canon(call())
    except Exception as x:
        line = "raised " + type(x).__name__
    print("%s -> %s" % (label, line))


ns = Pyro4.locateNS(HOST, PORT)
with Pyro4.Proxy("PYRO:Pyro.Daemon@%s:%d" % (HOST, PORT)) as daemon:
    print("yplookup exposed -> %s" % ("yplookup" in daemon.get_metadata("Pyro.NameServer")["methods"]))
ns.register("y.a", "PYRO:a@localhost:4001", metadata={"red", "small"})
ns.register("y.b", "PYRO:b@localhost:4002", metadata={"red", "big"})
ns.register("y.c", "PYRO:c@localhost:4003", metadata={"blue"})
ns.register("y.d", "PYRO:d@localhost:4004")
step("all red", lambda: ns.yplookup(meta_all={"red"}, return_metadata=True))
step("any blue small", lambda: ns.yplookup(meta_any={"blue", "small"}, return_metadata=True))
step("all red any big blue", lambda: ns.yplookup(meta_all={"red"}, meta_any=["big", "blue"], return_metadata=True))
step("all red without metadata", lambda: ns.yplookup(meta_all=["red"], return_metadata=False))
step("all red small positional", lambda: ns.yplookup(["red", "small"], None, False))
step("all purple", lambda: ns.yplookup(meta_all={"purple"}, return_metadata=True))
step("any class", lambda: ns.yplookup(meta_any={"class:Pyro4.naming.NameServer"}, return_metadata=False))
step("all given as str", lambda: ns.yplookup(meta_all="red"))
step("after set_metadata", lambda: (ns.set_metadata("y.d", ["blue"]), ns.yplookup(meta_any=["blue"], return_metadata=False))[1])
step("removed", lambda: ns.remove(prefix="y."))
step("all red after remove", lambda: ns.yplookup(meta_all={"red"}, return_metadata=True))
print("END")
