"""What a Pyro4 user sees when the client's serializer (PYRO_SERIALIZER, e.g. pickle) is or is not accepted
by the name server.

Usage: ns_serializer_gate.py HOST PORT STEP...   -> one line per step: "step -> result"
Steps (each result is a value or "module.ErrorType: message"):
  locate     Pyro4.locateNS(HOST, PORT) and ping()
  direct     Proxy("PYRO:Pyro.NameServer@HOST:PORT").ping()
  switch     a proxy connected with serpent whose serializer is then set to PYRO_SERIALIZER: its ping() is the
             first message the server gets in that serializer after the handshake; then a ping() that reconnects
             with it; then count() with serpent again
  roundtrip  register, lookup, list(prefix) and remove of gate.name with PYRO_SERIALIZER
"""
import sys

import Pyro4

HOST = sys.argv[1]
PORT = int(sys.argv[2])
LOC = "%s:%d" % (HOST, PORT)


def describe(x):
    return "%s.%s: %s" % (type(x).__module__, type(x).__name__, x)


def attempt(label, call):
    try:
        line = call()
    except Exception as x:
        line = describe(x)
    print("%s -> %s" % (label, line))
    sys.stdout.flush()


def locate():
    with Pyro4.locateNS(HOST, PORT) as ns:
        ns.ping()
    return "located"


def direct():
    with Pyro4.Proxy("PYRO:Pyro.NameServer@" + LOC) as ns:
        ns.ping()
    return "pong"


def switch():
    wanted = Pyro4.config.SERIALIZER
    out = []
    with Pyro4.Proxy("PYRO:Pyro.NameServer@" + LOC) as ns:
        ns._pyroSerializer = "serpent"
        ns.ping()
        ns._pyroSerializer = wanted
        for _ in range(2):
            try:
                ns.ping()
                out.append("pong")
            except Exception as x:
                out.append(describe(x))
        ns._pyroSerializer = "serpent"
        out.append("count %d" % ns.count())
    return " | ".join(out)


def roundtrip():
    with Pyro4.locateNS(HOST, PORT) as ns:
        ns.register("gate.name", "PYRO:gate@localhost:4321", metadata={"gate"})
        found = ns.lookup("gate.name", return_metadata=True)
        listed = ns.list(prefix="gate.")
        removed = ns.remove("gate.name")
        return "%s %s %s %d" % (found[0].asString(), sorted(found[1]), sorted(listed.items()), removed)


STEPS = {"locate": locate, "direct": direct, "switch": switch, "roundtrip": roundtrip}

for name in sys.argv[3:]:
    attempt(name, STEPS[name])
print("END")
