"""A well-behaved client that keeps using one connection while others misbehave.

Usage: pinger.py HOST PORT STOP_FILE MAX_SECONDS

Binds one proxy, prints "bound", then pings and looks up Pyro.NameServer every 20 ms until STOP_FILE
exists (or MAX_SECONDS pass). Prints "rounds N" and exits 0, or prints "FAIL ..." and exits 1 at the
first error. COMMTIMEOUT bounds every call.
"""
import os
import sys
import time

import Pyro4

HOST, PORT, STOP_FILE, MAX_SECONDS = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
# generous: a loaded 2-core CI machine must not turn slowness into a false "disturbed"
Pyro4.config.COMMTIMEOUT = 15.0

ns = Pyro4.Proxy("PYRO:Pyro.NameServer@%s:%d" % (HOST, PORT))
ns._pyroBind()
print("bound")
sys.stdout.flush()
rounds = 0
started = time.time()
try:
    while not os.path.exists(STOP_FILE) and time.time() - started < MAX_SECONDS:
        ns.ping()
        ns.lookup("Pyro.NameServer")
        rounds += 1
        time.sleep(0.02)
except Exception as x:
    print("FAIL after %d rounds: %s: %s" % (rounds, type(x).__name__, x))
    sys.exit(1)
print("rounds %d" % rounds)
ns._pyroRelease()
