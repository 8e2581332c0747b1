"""A well-behaved client that keeps looking up a name while others attack the server, and reports how long
every call took; a call that fails is retried on a new connection (being refused cleanly is allowed, hanging
is not).

Usage: ns_latency.py HOST PORT STOP_FILE MAX_SECONDS COMMTIMEOUT
Prints "bound" once connected, then at the end: "rounds N", "max_ms N" (slowest call, failed ones included),
"slow N" (calls over 200 ms), "errors N", "timeouts N" (calls that waited COMMTIMEOUT: the server hung them)
and up to 10 "error ..." lines. Always exits 0 after "bound"; exit 1 if it cannot even bind.
"""
import os
import sys
import time

import Pyro4
import Pyro4.errors

HOST, PORT, STOP_FILE, MAX_SECONDS, TIMEOUT = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
Pyro4.config.COMMTIMEOUT = TIMEOUT
URI = "PYRO:Pyro.NameServer@%s:%d" % (HOST, PORT)

ns = Pyro4.Proxy(URI)
try:
    ns._pyroBind()
except Exception as x:
    print("FAIL cannot bind: %s: %s" % (type(x).__name__, x))
    sys.exit(1)
print("bound")
sys.stdout.flush()
rounds = 0
max_ms = 0
slow = 0
timeouts = 0
errors = []
started = time.time()
while not os.path.exists(STOP_FILE) and time.time() - started < MAX_SECONDS:
    t = time.time()
    try:
        ns.lookup("Pyro.NameServer")
    except Exception as x:
        if isinstance(x, Pyro4.errors.TimeoutError):
            timeouts += 1
        errors.append("%s: %s after %d ms" % (type(x).__name__, x, (time.time() - t) * 1000))
        ns._pyroRelease()
        ns = Pyro4.Proxy(URI)
    took = (time.time() - t) * 1000
    max_ms = max(max_ms, took)
    if took > 200:
        slow += 1
    rounds += 1
    time.sleep(0.01)
print("rounds %d" % rounds)
print("max_ms %d" % max_ms)
print("slow %d" % slow)
print("errors %d" % len(errors))
print("timeouts %d" % timeouts)
for e in errors[:10]:
    print("error " + e)
ns._pyroRelease()
