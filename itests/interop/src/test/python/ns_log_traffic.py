"""Traffic for the log: a real Pyro4 4.82 client that connects, makes two calls that fail and one that works.

Usage: ns_log_traffic.py HOST PORT
Prints one line per call: "lookup NamingError: ...", "register PyroError: ...", "count N".
"""
import sys

import Pyro4

host, port = sys.argv[1], int(sys.argv[2])
with Pyro4.locateNS(host, port, broadcast=False) as ns:
    try:
        ns.lookup("no.such.name")
        print("lookup found")
    except Exception as x:
        print("lookup %s: %s" % (type(x).__name__, x))
    try:
        ns.register("bad.uri", "not a uri")
        print("register accepted")
    except Exception as x:
        print("register %s: %s" % (type(x).__name__, x))
    print("count %d" % ns.count())
