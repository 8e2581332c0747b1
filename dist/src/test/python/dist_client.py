"""A real Pyro4 client of an installed pyrons: register NAME... or show NAME...

register: registers each NAME with the URI PYRO:NAME@localhost:4711 and the metadata {"dist", "tag:NAME"}.
show: resolves each NAME as PYRONAME:NAME (Pyro4.resolve, through the name server) and prints one line per name,
then every registration under the prefix "dist." with its metadata (list(prefix=, return_metadata=True)).
"""
import sys

import Pyro4
import Pyro4.errors

host, port, action, names = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
ns = Pyro4.locateNS(host, port)
if action == "register":
    for name in names:
        ns.register(name, "PYRO:%s@localhost:4711" % name, metadata={"dist", "tag:" + name})
    print("registered %d" % len(names))
elif action == "show":
    for name in names:
        try:
            print("resolved %s %s" % (name, Pyro4.resolve("PYRONAME:%s@%s:%d" % (name, host, port))))
        except Pyro4.errors.NamingError as e:
            print("unknown %s: %s" % (name, e))
    for name, (uri, metadata) in sorted(ns.list(prefix="dist.", return_metadata=True).items()):
        print("listed %s %s [%s]" % (name, uri, ",".join(sorted(metadata))))
else:
    sys.exit("unknown action " + action)
