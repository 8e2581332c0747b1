"""A fresh real Pyro4 4.82 client, as an operator's next client after an attack: locateNS, lookup, list.

Usage: ns_probe.py HOST PORT COMMTIMEOUT [list]
Prints one line per finished step, "STEP_ms N" (milliseconds, measured in here so that the interpreter's
start is not counted), then "total_ms N" for locate plus lookup, or "error TYPE: MESSAGE" at the first failure.
COMMTIMEOUT bounds every network wait, so a server that accepts but never answers shows as a TimeoutError.
"""
import sys
import time

import Pyro4

host, port, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
with_list = len(sys.argv) > 4 and sys.argv[4] == "list"
Pyro4.config.COMMTIMEOUT = timeout


def ms(since):
    return int((time.time() - since) * 1000)


started = time.time()
ns = None
try:
    ns = Pyro4.locateNS(host, port, broadcast=False)
    print("locate_ms %d" % ms(started))
    t = time.time()
    ns.lookup("Pyro.NameServer")
    print("lookup_ms %d" % ms(t))
    print("total_ms %d" % ms(started))
    if with_list:
        t = time.time()
        ns.list(prefix="Pyro.")
        print("list_ms %d" % ms(t))
except Exception as x:
    print("error_after_ms %d" % ms(started))
    print("error %s: %s" % (type(x).__name__, x))
finally:
    if ns is not None:
        ns._pyroRelease()
