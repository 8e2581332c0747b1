"""Runs steps against a Pyro daemon's Pyro.Daemon object with a real Pyro4 4.82 client; used by the
server's security and transport tests (PYRO_SSL* settings come from the environment, as Pyro4 reads them).

Usage: /usr/bin/python3 pyro4_steps.py URI STEP...  -> one JSON list of [step, result]
Steps: key=K (new proxy with HMAC key K; key= for none), ping, info, big=N (a request of about N bytes),
       sleep=S, calc (PYRO:calc at the same location: add(40, 2)).
"""
import json
import sys
import time

import Pyro4
import Pyro4.errors

uri = sys.argv[1]
key = None
proxy = Pyro4.Proxy(uri)
out = []


def attempt(step, fn):
    try:
        out.append([step, fn()])
    except Exception as x:
        out.append([step, "%s: %s" % (type(x).__name__, x)])


for step in sys.argv[2:]:
    name, _, value = step.partition("=")
    if name == "key":
        proxy._pyroRelease()
        proxy = Pyro4.Proxy(uri)
        proxy._pyroHmacKey = value.encode("utf-8") if value else None
        key = proxy._pyroHmacKey
    elif name == "ping":
        attempt(step, lambda: proxy.ping() or "pong")
    elif name == "info":
        attempt(step, lambda: proxy.info())
    elif name == "big":
        attempt(step, lambda: proxy.get_metadata("x" * int(value)))
    elif name == "sleep":
        time.sleep(float(value))
    elif name == "calc":
        calc = Pyro4.Proxy(uri.replace("Pyro.Daemon", "calc"))
        calc._pyroHmacKey = key
        attempt(step, lambda: calc.add(40, 2))
        calc._pyroRelease()
    else:
        raise SystemExit("unknown step " + step)
proxy._pyroRelease()
print(json.dumps(out))
