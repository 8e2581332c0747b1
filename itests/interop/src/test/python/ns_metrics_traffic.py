"""A fixed amount of name server traffic from real Pyro4 clients, for the metrics test to count.

Usage: ns_metrics_traffic.py HOST PORT

serpent proxy: register metrics.a, lookup it 3 times, lookup metrics.missing (NamingError), remove metrics.a;
json proxy: lookup Pyro.NameServer twice. Prints DONE.
"""
import sys

import Pyro4
import Pyro4.errors

HOST = sys.argv[1]
PORT = int(sys.argv[2])
URI = "PYRO:Pyro.NameServer@%s:%d" % (HOST, PORT)

Pyro4.config.SERIALIZER = "serpent"
with Pyro4.Proxy(URI) as ns:
    ns.register("metrics.a", "PYRO:a@localhost:4001")
    for _ in range(3):
        ns.lookup("metrics.a")
    try:
        ns.lookup("metrics.missing")
        raise SystemExit("lookup of a missing name did not fail")
    except Pyro4.errors.NamingError:
        pass
    ns.remove("metrics.a")

Pyro4.config.SERIALIZER = "json"
with Pyro4.Proxy(URI) as ns:
    ns.lookup("Pyro.NameServer")
    ns.lookup("Pyro.NameServer")
print("DONE")
