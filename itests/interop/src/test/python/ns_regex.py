"""Catastrophic regular expressions against the name server, with real Pyro4 4.82 clients.

Usage: ns_regex.py HOST PORT CALLERS COMMTIMEOUT (calls|oneway)
Registers names of 40 'a's (one of them followed by '!', on which '((a+)+)+$' backtracks exponentially), then
  calls:  CALLERS clients at once, each on its own connection, call ns.list(regex='((a+)+)+$') and wait for
          the answer (at most COMMTIMEOUT); prints "caller I ms N TYPE: MESSAGE" (or "... result N names")
  oneway: one connection sends CALLERS oneway ns.list(regex=...) calls; prints "sent N"
and finally "done".
"""
import sys
import threading
import time

import Pyro4

HOST, PORT, CALLERS, TIMEOUT, MODE = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
Pyro4.config.COMMTIMEOUT = TIMEOUT
URI = "PYRO:Pyro.NameServer@%s:%d" % (HOST, PORT)
REGEX = "((a+)+)+$"

with Pyro4.Proxy(URI) as ns:
    ns.register("a" * 40, "PYRO:a@localhost:4567")
    ns.register("a" * 40 + "!", "PYRO:b@localhost:4567")
print("registered")
sys.stdout.flush()

if MODE == "oneway":
    with Pyro4.Proxy(URI) as ns:
        ns._pyroBind()
        ns._pyroOneway.add("list")
        for _ in range(CALLERS):
            ns.list(regex=REGEX)
    print("sent %d" % CALLERS)
else:
    outcomes = [None] * CALLERS

    def call(i):
        started = time.time()
        try:
            with Pyro4.Proxy(URI) as ns:
                result = ns.list(regex=REGEX)
            outcome = "result %d names" % len(result)
        except Exception as x:
            outcome = "%s: %s" % (type(x).__name__, x)
        outcomes[i] = "caller %d ms %d %s" % (i, (time.time() - started) * 1000, outcome)

    threads = [threading.Thread(target=call, args=(i,), daemon=True) for i in range(CALLERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT + 30)
    for i, line in enumerate(outcomes):
        print(line if line is not None else "caller %d never returned" % i)
print("done")
